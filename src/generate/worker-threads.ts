// What the render workers and the print worker share: when to start them and how big their heaps
// may grow.

// Starting a worker (pdfkit, fonts) costs about as much as a hundred letters: below this many
// letters, rendering in the main thread finishes first (the bench: 65/s with two workers, 97/s
// without, at 100 letters).
export const MIN_LETTERS_FOR_WORKERS = 300;

// A worker's live heap is about 30 MB (fonts, shaped words, cached font subsets). Left alone, V8
// lets each heap grow far beyond that before collecting (RSS 345 MB at 1,000 letters with two
// workers); these limits keep the whole run near 210-240 MB for a few per cent of speed.
export const WORKER_HEAP = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 } as const;
