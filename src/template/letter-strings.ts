import { z } from 'zod';

// The short localized strings of a language (templates/<lang>/strings.json): labels the renderers lay
// out around the body, and phrases the templates and helpers need. Prose of the letter itself lives in
// the templates.

const placeholderText = (placeholders: readonly string[]) =>
  z.string().refine((text) => placeholders.every((p) => text.includes(`{${p}}`)), {
    error: `must contain ${placeholders.map((p) => `{${p}}`).join(' and ')}`,
  });

export const LetterStringsSchema = z
  .object({
    /** Label before the copies-to list, e.g. "cc:" or "Copie à :". */
    ccLabel: z.string(),
    /** Page numbering with `{n}` and `{m}`, e.g. "Page {n} of {m}". */
    pageLabel: placeholderText(['n', 'm']),
    /** Put before the subject line; empty where the convention has none (German DIN 5008). */
    subjectPrefix: z.string(),
    /** Put before the reference line, e.g. "Ref:". */
    referencePrefix: z.string(),
    /** Added after a salutation that has no punctuation of its own: "," "!" or ":". */
    salutationPunctuation: z.string().min(1),
    /** Salutation when an action gives none, e.g. "Dear Sir or Madam". */
    defaultSalutation: z.string().min(1),
    /** Salutation of letters to embassies, e.g. "Your Excellency". */
    diplomaticSalutation: z.string().min(1),
    /** Sentence opening a copy, with `{recipients}` for the authorities the appeal went to. */
    copyIntro: placeholderText(['recipients']),
  })
  .catchall(z.string({ error: 'expected text' }));

/** The strings every language provides; strings.json may add more for its own templates. */
export type LetterStrings = Readonly<z.output<typeof LetterStringsSchema>>;

/** Replaces `{name}` placeholders with values; throws on a placeholder that has no value. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (whole, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) throw new Error(`no value for the placeholder ${whole} in "${text}"`);
    return String(value);
  });
}
