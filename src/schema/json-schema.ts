import { z } from 'zod';
import { ActionSchema } from './action-schema.js';

export const ACTION_SCHEMA_ID = 'https://ua-letter.invalid/schema/action.schema.json';

/** The published JSON Schema (draft-07) of an action file, derived from the zod schema. */
export function actionJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ActionSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' });
  return { ...schema, $id: ACTION_SCHEMA_ID };
}
