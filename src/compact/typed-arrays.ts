// Growable typed arrays, for what a long batch keeps per letter or per page: numbers in a typed
// array take their bytes and no more, off the heap that V8 collects.

/** A typed array twice as long, holding `array`'s values first. */
export function grown<T extends Uint8Array | Uint32Array | Float64Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}
