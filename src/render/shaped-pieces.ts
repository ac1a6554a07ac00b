// A signer's own words (a name, a house number) are shaped twice in each letter: once when the
// letter is laid out (measured, pdf-text.ts), once more when pdfkit draws them, since neither
// cache has them. Shaping (fontkit's OpenType layout) is the costliest step of drawing a fresh
// word, so the run shaped for measuring is kept for the next layout of the same piece in the same
// font, which takes it. fontkit makes a new, equal run on every layout, and pdfkit scales the run
// it gets in place: a kept run is handed out once, as fontkit would have made it.
import type { FontkitFont } from './fonts.js';

/** What shapeKept returns: a fontkit glyph run, of which measuring reads the advance. */
export interface ShapedRun {
  readonly advanceWidth: number;
}

type Layout = (text: string, ...rest: unknown[]) => ShapedRun;

// Runs kept by font, taken by the next layout of their text; cleared when full (measured pieces
// that are never drawn, such as trial truncations, are dropped so).
const kept = new WeakMap<object, Map<string, ShapedRun>>();
const KEPT_LIMIT = 64;
const TAKES_KEPT = Symbol('ua-letter: layout takes kept runs');

/** Shapes `text` as `font.layout(text)` does, and keeps the run for the next such call. */
export function shapeKept(font: FontkitFont, text: string): ShapedRun {
  const run = font.layout(text);
  let runs = kept.get(font);
  if (runs === undefined) kept.set(font, (runs = new Map()));
  else if (runs.size >= KEPT_LIMIT) runs.clear();
  runs.set(text, run);
  return run;
}

/**
 * Makes `font.layout(text)`, called with no features (as pdfkit lays out left-to-right text),
 * hand out the run shapeKept kept for that text, once; any other call shapes as before.
 */
export function takeKeptRuns(font: FontkitFont): void {
  const target = font as unknown as { layout: Layout; [TAKES_KEPT]?: true };
  if (target[TAKES_KEPT]) return;
  target[TAKES_KEPT] = true;
  const layout = target.layout;
  target.layout = function (this: unknown, text: string, ...rest: unknown[]): ShapedRun {
    if (rest.every((arg) => arg === undefined)) {
      const runs = kept.get(font);
      const run = runs?.get(text);
      if (run !== undefined) {
        runs!.delete(text);
        return run;
      }
    }
    return layout.call(this, text, ...rest);
  };
}
