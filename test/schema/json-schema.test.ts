import { readFileSync, readdirSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { actionJsonSchema } from '../../src/schema/json-schema.js';
import { REPO_ROOT, runBinary } from '../helpers/run-cli.js';

const actionFiles = readdirSync(`${REPO_ROOT}actions`).filter((f) => f.endsWith('.yaml'));

describe('the published JSON Schema', () => {
  it('is printed by `ua-letter schema` and is a valid draft-07 schema', async () => {
    const run = await runBinary(['schema']);
    expect(run.code).toBe(0);
    const schema = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    const ajv = new Ajv({ strict: false });
    expect(ajv.validateSchema(schema)).toBe(true);
  });

  it('accepts every example action and rejects a misspelled key', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/).addFormat('uri', /^https?:\/\//);
    const validate = ajv.compile(actionJsonSchema());
    expect(actionFiles.length).toBeGreaterThanOrEqual(3);
    for (const file of actionFiles) {
      const data: unknown = parse(readFileSync(`${REPO_ROOT}actions/${file}`, 'utf8'));
      expect(validate(data), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(validate({ ...(data as object), dedline: '2020-01-01' })).toBe(false);
    }
  });

  it('is the same as the copy committed for editors (run `npm run schema:update` after changing the schema)', () => {
    const committed: unknown = JSON.parse(readFileSync(`${REPO_ROOT}src/schema/action.schema.json`, 'utf8'));
    expect(committed).toEqual(actionJsonSchema());
  });

  it('ships in the built package', () => {
    const shipped: unknown = JSON.parse(readFileSync(`${REPO_ROOT}dist/action.schema.json`, 'utf8'));
    expect(shipped).toEqual(actionJsonSchema());
  });

  it('every example action points its yaml-language-server at the committed schema', () => {
    for (const file of actionFiles) {
      const first = readFileSync(`${REPO_ROOT}actions/${file}`, 'utf8').split('\n')[0];
      expect(first).toBe('# yaml-language-server: $schema=../src/schema/action.schema.json');
    }
  });
});
