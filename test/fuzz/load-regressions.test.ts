import { describe, expect, it } from 'vitest';
import { loadActionText } from '../../src/load/load-action.js';
import { expectWellFormed } from './diagnostic-invariants.js';

// Counterexamples the property tests found, shrunk by hand and kept as plain examples so they run
// whatever the seed and the number of runs.

describe('load: counterexamples found by fuzzing', () => {
  it('positions a syntax error after a rejected token on the right line', () => {
    // yaml's LineCounter missed the line break inside the rejected "*a," and put the next error on line 1.
    const text = '*a,\nb: {';
    const result = loadActionText('f.yaml', text, '2010-10-01');
    expectWellFormed(result.diagnostics, 'f.yaml', text);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'yaml/bad-indent', line: 2, column: 5 }));
  });
});
