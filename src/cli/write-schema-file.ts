// Build step: writes the published JSON Schema next to the compiled library (dist/action.schema.json),
// or to the path given (npm run schema:update refreshes the copy committed for editors).
import { writeFileSync } from 'node:fs';
import { actionJsonSchema } from '../schema/json-schema.js';

const target = process.argv[2] ?? new URL('../action.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(actionJsonSchema(), null, 2)}\n`);
