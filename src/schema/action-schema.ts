import { z } from 'zod';

// The one definition of the action format. The TypeScript types, the validator's messages and the
// published JSON Schema (`ua-letter schema`) are all derived from it: add a field here and nowhere else.

const nonEmpty = (what: string) =>
  z.string({ error: what === 'text' ? 'expected text' : `expected ${what} as text` }).trim().min(1, { error: `${what} must not be empty` });

/** A BCP 47 language tag such as `en`, `ru`, `pt-BR` or `sr-Latn`. */
export const LanguageTagSchema = z
  .string({ error: 'expected a language tag such as "en" or "pt-BR"' })
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
    error: 'expected a BCP 47 language tag such as "en", "ru" or "pt-BR"',
  })
  .meta({ description: 'BCP 47 language tag, e.g. "en", "ru", "pt-BR".' });

/** A calendar date written YYYY-MM-DD. */
export const IsoDateSchema = z.iso
  .date({ error: 'expected a date written YYYY-MM-DD, e.g. 2010-10-29' })
  .meta({ description: 'Calendar date, YYYY-MM-DD.' });

/**
 * Text that may differ per language: either one string (in the action's first language) or a map
 * from language tag to text.
 */
export const LocalizedTextSchema = z
  .union([nonEmpty('text'), z.record(LanguageTagSchema, nonEmpty('text'))], {
    error: 'expected text, or a map from language tag to text (e.g. en: ..., ru: ...)',
  })
  .meta({
    description:
      'Text, or a map from language tag to text. A plain string is in the action\'s first language.',
  });

export const GenderSchema = z
  .enum(['female', 'male', 'other', 'unknown'], {
    error: 'expected one of: female, male, other, unknown',
  })
  .meta({ description: 'Grammatical gender, used where a language needs it (Dear Sir / Madam).' });

export const SocialNetworkSchema = z.enum(
  ['twitter', 'x', 'facebook', 'instagram', 'telegram', 'vk', 'mastodon', 'bluesky', 'threads', 'youtube', 'tiktok', 'linkedin', 'other'],
  { error: 'expected a social network: twitter, x, facebook, instagram, telegram, vk, mastodon, bluesky, threads, youtube, tiktok, linkedin or other' },
);

export const SocialHandleSchema = z
  .strictObject({
    network: SocialNetworkSchema,
    handle: nonEmpty('the handle').meta({ description: 'e.g. "@MedvedevRussia" or a profile URL.' }),
  })
  .meta({ description: 'An account of the recipient on a social network.' });

export const RecipientSchema = z
  .strictObject({
    title: LocalizedTextSchema.optional().meta({ description: 'Office held, e.g. "Minister of Internal Affairs".' }),
    name: LocalizedTextSchema.optional().meta({ description: 'Person\'s name; omit for an institution with no named person.' }),
    organisation: LocalizedTextSchema.optional().meta({ description: 'Ministry, office or institution.' }),
    unit: LocalizedTextSchema.optional().meta({ description: 'Department inside the organisation.' }),
    care_of: LocalizedTextSchema.optional().meta({
      description: 'Routing ("c/o"): the body at whose address the letter is delivered.',
    }),
    address: z
      .array(nonEmpty('an address line'), { error: 'expected a list of address lines' })
      .min(1, { error: 'an address needs at least one line' })
      .optional()
      .meta({ description: 'Postal address lines as printed, without the country.' }),
    country: nonEmpty('the country').optional().meta({ description: 'Country line of the postal address.' }),
    email: z.array(nonEmpty('an email address'), { error: 'expected a list of email addresses' }).optional(),
    fax: z.array(nonEmpty('a fax number'), { error: 'expected a list of fax numbers' }).optional(),
    phone: z.array(nonEmpty('a phone number'), { error: 'expected a list of phone numbers' }).optional(),
    web_form: z.url({ error: 'expected a URL starting with https:// or http://' }).optional().meta({
      description: 'Contact form on the web.',
    }),
    social: z.array(SocialHandleSchema, { error: 'expected a list of social handles' }).optional(),
    salutation: LocalizedTextSchema.optional().meta({
      description: 'How a letter opens, per language: e.g. en: Dear Minister, ru: Уважаемый господин министр.',
    }),
    gender: GenderSchema.optional(),
    language: LanguageTagSchema.optional().meta({ description: 'Language this recipient prefers.' }),
  })
  .meta({ description: 'Someone to write to, or to send a copy to.' });

export const PersonAtRiskSchema = z
  .strictObject({
    name: LocalizedTextSchema.optional().meta({ description: 'A named individual (per language where the spelling differs).' }),
    group: LocalizedTextSchema.optional().meta({ description: 'A group, e.g. "30 ethnic Uzbek refugees".' }),
    organisation: LocalizedTextSchema.optional().meta({ description: 'An organisation at risk.' }),
    gender: GenderSchema.optional(),
    pronouns: nonEmpty('the pronouns').optional().meta({ description: 'As the UA gives them, e.g. "he/him".' }),
    age: z.int({ error: 'expected a whole number' }).nonnegative().max(130).optional(),
    count: z.int({ error: 'expected a whole number' }).positive().optional(),
    genders: z
      .strictObject({
        female: z.int().nonnegative().optional(),
        male: z.int().nonnegative().optional(),
        other: z.int().nonnegative().optional(),
        unknown: z.int().nonnegative().optional(),
      })
      .optional()
      .meta({ description: 'How many of a group are of each gender.' }),
    members: z.array(nonEmpty('a name')).optional().meta({ description: 'Names of a group\'s members.' }),
    description: LocalizedTextSchema.optional(),
  })
  .meta({ description: 'A named individual, a group or an organisation at risk (exactly one of name, group, organisation).' });

export const LetterContentSchema = z
  .strictObject({
    subject: nonEmpty('the subject').optional().meta({ description: 'Subject line ("Re: ...").' }),
    opening: nonEmpty('the opening').optional().meta({ description: 'Paragraphs before the demands.' }),
    body: nonEmpty('the body').optional().meta({
      description: 'A ready model letter (paragraphs separated by blank lines), without salutation and closing.',
    }),
    demands_intro: nonEmpty('the demands introduction').optional().meta({
      description: 'Line before the demands, e.g. "As a matter of priority I urge you to:".',
    }),
    demands: z
      .array(nonEmpty('a demand'), { error: 'expected a list of demands' })
      .min(1, { error: 'list at least one demand, or leave demands out' })
      .optional(),
    closing: nonEmpty('the closing paragraph').optional().meta({
      description: 'Last paragraph before the complimentary close.',
    }),
  })
  .meta({ description: 'What a letter in one language says: a model letter body, demands, or both.' });

export const ReferenceSchema = z.strictObject({
  number: nonEmpty('the UA number').optional(),
  index: nonEmpty('the index').optional(),
  url: z.url({ error: 'expected a URL starting with https:// or http://' }).optional(),
});

export const SocialPostSchema = z.strictObject({
  network: SocialNetworkSchema,
  to: nonEmpty('the handle').optional().meta({ description: 'Handle the post is addressed to.' }),
  text: nonEmpty('the post text'),
  language: LanguageTagSchema.optional(),
});

export const LinkSchema = z.strictObject({
  url: z.url({ error: 'expected a URL starting with https:// or http://' }),
  label: LocalizedTextSchema.optional(),
});

export const ActionSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, {
        error: 'expected lower-case letters, digits and dashes (at most 80), e.g. ua-129-10',
      })
      .optional()
      .meta({ description: 'Short name used for the output folder; defaults to the file name.' }),
    number: nonEmpty('the UA number').optional().meta({
      description: 'UA number, e.g. "UA 129/10" or "UA 103.22"; campaigns that are not UAs have none.',
    }),
    index: nonEmpty('the index').optional().meta({ description: 'Document index, e.g. "EUR 57/004/2010".' }),
    issued: IsoDateSchema.meta({ description: 'Date the UA (or this update) was issued.' }),
    update: z
      .int({ error: 'expected a whole number (0 for the original UA)' })
      .nonnegative()
      .default(0)
      .meta({ description: '0 for the original UA, 1 for the 1st update, ...' }),
    previous: z
      .union([ReferenceSchema, z.array(ReferenceSchema).min(1)], { error: 'expected a reference (number, index, url) or a list of them' })
      .optional()
      .meta({ description: 'The UA this one updates (or the list of earlier documents, oldest first).' }),
    status: z.enum(['open', 'closed'], { error: 'expected open or closed' }).default('open'),
    country: nonEmpty('the country').meta({ description: 'Country the action is about.' }),
    title: LocalizedTextSchema,
    summary: LocalizedTextSchema.optional(),
    background: LocalizedTextSchema.optional().meta({ description: 'Additional information.' }),
    deadline: IsoDateSchema.meta({ description: 'Send appeals before this date.' }),
    languages: z
      .array(LanguageTagSchema, { error: 'expected a list of language tags, e.g. [en, ru]' })
      .min(1, { error: 'list at least one language letters may be written in' })
      .meta({ description: 'Languages letters may be written in; the first is the default.' }),
    target_language: z
      .union([LanguageTagSchema, z.array(LanguageTagSchema).min(1)], { error: 'expected a language tag or a list of them, e.g. [ar, en]' })
      .optional()
      .meta({ description: 'Language(s) the authorities prefer ("preferred language to address target").' }),
    people: z.array(PersonAtRiskSchema, { error: 'expected a list of people at risk' }).default([]),
    letter: z
      .record(LanguageTagSchema, LetterContentSchema, { error: 'expected a map from language tag to letter content' })
      .meta({ description: 'Letter content per language.' }),
    recipients: z
      .array(RecipientSchema, { error: 'expected a list of recipients' })
      .min(1, { error: 'list at least one recipient' }),
    copies: z.array(RecipientSchema, { error: 'expected a list of recipients' }).default([]).meta({
      description: '"And copies to:" recipients.',
    }),
    diplomatic_copies: z
      .strictObject({
        country: nonEmpty('the country').optional().meta({
          description: 'Whose diplomats to copy; defaults to the action\'s country.',
        }),
      })
      .optional()
      .meta({ description: 'Present when copies go to the diplomatic representatives accredited to your country.' }),
    posts: z.array(SocialPostSchema, { error: 'expected a list of social-media posts' }).default([]),
    links: z.array(LinkSchema, { error: 'expected a list of links' }).default([]),
  })
  .meta({
    title: 'ua-letter action',
    description: 'One urgent action: the case, the people at risk, whom to write to, and what to ask.',
  });

/** An action file after validation, with defaults applied. */
export type Action = z.output<typeof ActionSchema>;
/** An action file as written by hand. */
export type ActionInput = z.input<typeof ActionSchema>;
export type Recipient = z.output<typeof RecipientSchema>;
export type PersonAtRisk = z.output<typeof PersonAtRiskSchema>;
export type LetterContent = z.output<typeof LetterContentSchema>;
export type LocalizedText = z.output<typeof LocalizedTextSchema>;
export type SocialPost = z.output<typeof SocialPostSchema>;
export type Gender = z.output<typeof GenderSchema>;
