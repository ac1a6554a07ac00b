import { z } from 'zod';
import { RecipientSchema } from './action-schema.js';

const text = (what: string) => z.string({ error: `expected ${what} as text` }).trim().min(1, { error: `${what} must not be empty` });

/** Who signs a letter: from `--sender FILE`, the flags, or a row of a signers CSV. */
export const SenderSchema = z.strictObject({
  name: text('the name').optional(),
  address: z.array(text('an address line'), { error: 'expected a list of address lines' }).optional(),
  postcode: text('the postcode').optional(),
  city: text('the city').optional(),
  country: text('the country').optional(),
  email: text('the email address').optional(),
});

/** Local diplomatic representatives, keyed by the country they represent (from `--embassies FILE`). */
export const EmbassyDirectorySchema = z.record(z.string().min(1), RecipientSchema, {
  error: 'expected a map from country name to an embassy (title, name, address, salutation, ...)',
});

export type Sender = z.output<typeof SenderSchema>;
export type EmbassyDirectory = z.output<typeof EmbassyDirectorySchema>;
