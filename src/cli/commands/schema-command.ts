import { actionJsonSchema } from '../../schema/json-schema.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../exit-codes.js';

/** `ua-letter schema`: prints the JSON Schema of the action format. */
export function schemaCommand(io: CliIo): number {
  io.stdout(`${JSON.stringify(actionJsonSchema(), null, 2)}\n`);
  return EXIT_OK;
}
