// fontkit (2.0) prepares every piece of text it shapes from scratch: its GSUB and GPOS processors
// each select the script's features again (with no language given, which is how pdfkit calls it,
// the feature table is rebuilt on every call even for the script already selected) and list the
// lookups of each stage of features again. For a batch that shapes the same few scripts thousands
// of times this was a quarter of fontkit's time (a signer's own words are shaped in every letter).
// Here both are remembered per processor: a selection made with the arguments of the one before
// leaves the processor as it is, and the lookups of a list of features depend only on the
// features selected (an object that a new selection replaces). The glyphs and positions fontkit
// returns are the same. Relies on fontkit 2.0's OTProcessor (`selectScript`, `features`,
// `lookupsForFeatures`); if that changes, the checks fail and fontkit works as it does.
import type { FontkitFont } from './fonts.js';

/** The fontkit internals this module relies on (OTProcessor in fontkit 2.0). */
interface Processor {
  features?: object;
  selectScript(script?: unknown, language?: unknown, direction?: unknown): unknown;
  lookupsForFeatures(userFeatures?: readonly string[], exclude?: readonly number[]): unknown;
}

// The last selection of each processor: its arguments and what it returned.
const lastSelection = new WeakMap<object, { script: unknown; language: unknown; direction: unknown; result: unknown }>();
// Lookups by features selected, then by the features asked for and the lookups excluded.
const lookupLists = new WeakMap<object, Map<string, unknown>>();

// Whether this thread's fontkit has been looked at (and patched, if its internals are as expected).
let done = false;

/**
 * Makes fontkit's OpenType processors remember their setup, once `font` has shaped its first text
 * (fontkit makes a font's processors then: loading a font reads no layout table).
 */
export function rememberFeatureLookups(font: FontkitFont): void {
  if (done) return;
  const target = font as unknown as { layout: (...args: unknown[]) => unknown };
  const layout = target.layout;
  target.layout = function (this: unknown, ...args: unknown[]): unknown {
    target.layout = layout;
    const run = layout.apply(this, args);
    patchProcessors(font);
    return run;
  };
}

// Patches the class of `font`'s OpenType processors (all fonts' processors share it).
function patchProcessors(font: FontkitFont): void {
  // Fonts loaded before any of them shaped text each call this once.
  if (done) return;
  const engine = (font as unknown as { _layoutEngine?: { engine?: { GSUBProcessor?: unknown; GPOSProcessor?: unknown } } })._layoutEngine?.engine;
  const processor = engine?.GSUBProcessor ?? engine?.GPOSProcessor;
  if (typeof processor !== 'object' || processor === null) return;
  // GSUB's and GPOS's processors are subclasses of OTProcessor, which defines both methods.
  const shared = Object.getPrototypeOf(Object.getPrototypeOf(processor)) as Partial<Processor> | null;
  if (shared === null) return;
  done = true;
  const { selectScript, lookupsForFeatures } = shared;
  const own = (name: string): boolean => Object.prototype.hasOwnProperty.call(shared, name);
  if (typeof selectScript !== 'function' || typeof lookupsForFeatures !== 'function' || !own('selectScript') || !own('lookupsForFeatures')) return;

  shared.selectScript = function (this: Processor, script?: unknown, language?: unknown, direction?: unknown): unknown {
    const last = lastSelection.get(this);
    if (last !== undefined && last.script === script && last.language === language && last.direction === direction) return last.result;
    const result = selectScript.call(this, script, language, direction);
    lastSelection.set(this, { script, language, direction, result });
    return result;
  };
  shared.lookupsForFeatures = function (this: Processor, userFeatures: readonly string[] = [], exclude?: readonly number[]): unknown {
    const features = this.features;
    if (typeof features !== 'object') return lookupsForFeatures.call(this, userFeatures, exclude);
    let lists = lookupLists.get(features);
    if (lists === undefined) lookupLists.set(features, (lists = new Map()));
    const key = exclude === undefined ? userFeatures.join(' ') : `${userFeatures.join(' ')}|${exclude.join(' ')}`;
    let lookups = lists.get(key);
    if (lookups === undefined) {
      lookups = lookupsForFeatures.call(this, userFeatures, exclude);
      lists.set(key, lookups);
    }
    return lookups;
  };
}
