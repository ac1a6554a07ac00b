import { describe, expect, it } from 'vitest';
import { runBinary } from '../helpers/run-cli.js';

describe('ua-letter list', () => {
  it('shows the seed actions with their deadlines, most urgent first, expired and closed flagged', async () => {
    const run = await runBinary(['list', 'actions', '--today', '2011-01-01']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^UA\s+STATUS\s+DEADLINE\s+DAYS LEFT\s+LANGUAGES\s+RECIPIENTS\s+TITLE$/);
    expect(lines[1]).toMatch(/^UA 84\/11\s+open\s+2012-05-15\s+500\s+ru,en\s+2\s+/);
    expect(lines[2]).toMatch(/^UA 129\/10\s+expired\s+2010-10-29\s+-64\s+en,ru\s+2\s+Uzbeks at risk of forcible return$/);
    expect(lines[3]).toMatch(/^khamidkariev\s+closed\s+2016-12-31\s+/);
  });

  it('prints JSON for scripts', async () => {
    const run = await runBinary(['list', 'actions', '--json', '--today', '2010-10-01']);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as { number: string; deadline: string; daysLeft: number; expired: boolean; recipients: number }[];
    expect(rows.map((r) => [r.number, r.deadline, r.daysLeft])).toEqual([
      ['UA 129/10', '2010-10-29', 28],
      ['UA 84/11', '2012-05-15', 592],
      ['khamidkariev', '2016-12-31', 2283],
    ]);
  });

  it('reports invalid files on stderr and exits 1', async () => {
    const run = await runBinary(['list', 'test/fixtures/validate/bad-date.yaml', 'actions']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad-date.yaml:10:11: error');
    expect(run.stdout).toContain('UA 129/10');
  });
});
