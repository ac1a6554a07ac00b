// Sorting a long array of entry numbers by a comparison of the entries they stand for. V8 sorts a
// typed array with a comparison function through two arrays of its own of the same length, of
// 8 bytes an element, made in the space only a full collection empties: 1.6 MB that stayed until
// the end of a run of 100,000 letters, at its peak. Here the extra room is one array of 4 bytes
// an element.

/** Sorts `indices` in place by `compare` (stable, as Array.prototype.sort); returns it. */
export function sortIndices(indices: Uint32Array, compare: (a: number, b: number) => number): Uint32Array {
  const length = indices.length;
  // Runs of RUN elements by insertion, then runs merged pairwise, back and forth between arrays.
  for (let start = 0; start < length; start += RUN) insertionSort(indices, start, Math.min(start + RUN, length), compare);
  if (length <= RUN) return indices;
  let from: Uint32Array = indices;
  let to: Uint32Array = new Uint32Array(length);
  for (let width = RUN; width < length; width *= 2) {
    for (let start = 0; start < length; start += 2 * width) merge(from, to, start, Math.min(start + width, length), Math.min(start + 2 * width, length), compare);
    [from, to] = [to, from];
  }
  if (from !== indices) indices.set(from);
  return indices;
}

const RUN = 32;

function insertionSort(a: Uint32Array, start: number, end: number, compare: (a: number, b: number) => number): void {
  for (let i = start + 1; i < end; i++) {
    const value = a[i]!;
    let j = i - 1;
    while (j >= start && compare(a[j]!, value) > 0) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = value;
  }
}

// Merges from[start, middle) and from[middle, end), both sorted, into to[start, end).
function merge(from: Uint32Array, to: Uint32Array, start: number, middle: number, end: number, compare: (a: number, b: number) => number): void {
  let i = start;
  let j = middle;
  let k = start;
  while (i < middle && j < end) to[k++] = compare(from[j]!, from[i]!) < 0 ? from[j++]! : from[i++]!;
  while (i < middle) to[k++] = from[i++]!;
  while (j < end) to[k++] = from[j++]!;
}
