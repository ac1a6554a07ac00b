import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { PLAIN_STYLE, formatGithub, formatJson, formatStylish } from '../../src/report/formatters.js';

const diagnostic: Diagnostic = {
  code: 'schema/unknown-key',
  severity: 'error',
  message: 'unknown field "a,b:c"\n100%',
  file: 'actions/x.yaml',
  line: 3,
  column: 5,
  path: 'recipients[0]',
};

describe('formatters', () => {
  it('stylish prints file:line:col, severity, message, path, code and a summary', () => {
    const out = formatStylish([diagnostic, { ...diagnostic, severity: 'warning', line: 0, column: 0 }], { fileCount: 2, style: PLAIN_STYLE });
    expect(out.split('\n')[0]).toBe('actions/x.yaml:3:5: error unknown field "a,b:c"\\u000a100% [recipients[0]] (schema/unknown-key)');
    expect(out).toContain('actions/x.yaml: warning');
    expect(out).toContain('2 files checked: 1 error, 1 warning');
  });

  it('json round-trips the diagnostics', () => {
    expect(JSON.parse(formatJson([diagnostic], { fileCount: 1, style: PLAIN_STYLE }))).toEqual([diagnostic]);
  });

  it('github escapes data and properties as the toolkit does', () => {
    expect(formatGithub([diagnostic], { fileCount: 1, style: PLAIN_STYLE })).toBe(
      '::error file=actions/x.yaml,line=3,col=5,title=schema/unknown-key::unknown field "a,b:c"%0A100%25 [recipients[0]]\n',
    );
  });
});

describe('printable output', () => {
  it('shows control characters and bidi overrides in file names and messages as escapes', () => {
    const out = formatStylish([{ ...diagnostic, file: 'a\u001b[31m.yaml', message: 'bad\nline \u202e' }], { fileCount: 1, style: PLAIN_STYLE });
    expect(out.split('\n')[0]).toBe('a\\u001b[31m.yaml:3:5: error bad\\u000aline \\u202e [recipients[0]] (schema/unknown-key)');
  });
});
