import type { Block, LetterDocument } from '../letter/letter-document.js';
import type { TemplateContext, TemplateRecipient } from '../letter/template-context.js';
import type { PlannedLetter } from '../plan/planned-letter.js';
import type { Action, Recipient } from '../schema/action-schema.js';
import { localizedExactly, resolveLocalized } from '../schema/localized.js';
import type { Sender } from '../schema/sender-schema.js';
import { formatLongDate } from '../template/format-long-date.js';
import { renderLetterBody, renderLetterBodyReading } from '../template/template-engine.js';
import type { TemplateSet } from '../template/template-set.js';
import { recipientAddressLines, recipientCcLine, recipientLabel, senderAddressLines, senderReturnLine } from './address-lines.js';

/** What composing one letter needs besides the plan: compiled templates, the signer and the date. */
export interface ComposeInput {
  readonly letter: PlannedLetter;
  readonly templates: TemplateSet;
  readonly sender: Sender | null;
  /** Letter date, YYYY-MM-DD. */
  readonly date: string;
  /** Label of the embassy copy when one is written, for the cc line of the main letters. */
  readonly diplomaticCcLine?: string;
}

/** Turns a planned letter into the structured document every renderer lays out. */
export function composeLetter(input: ComposeInput): LetterDocument {
  const { sender } = input;
  const templateSender = sender === null ? null : definedFields({ name: sender.name, city: sender.city });
  const { shared, body } = sharedParts(input, templateSender);
  return {
    language: shared.language,
    direction: shared.direction,
    title: shared.title,
    subject: shared.subject,
    senderLines: sender === null ? null : senderAddressLines(sender),
    returnAddress: sender === null ? '' : senderReturnLine(sender),
    dateLine: sender?.city ? `${sender.city}, ${shared.longDate}` : shared.longDate,
    recipientLines: shared.recipientLines,
    recipientShort: shared.recipientShort,
    reference: shared.reference,
    subjectLine: shared.subjectLine,
    body: shared.body ?? body ?? renderLetterBody(input.templates, withSender(shared.context, templateSender)),
    signatureName: sender?.name ?? null,
    ccLabel: shared.ccLabel,
    cc: shared.cc,
    pageLabel: shared.pageLabel,
  };
}

/** Everything in a letter that does not depend on who signs it. */
interface SharedParts extends Omit<LetterDocument, 'senderLines' | 'returnAddress' | 'dateLine' | 'body' | 'signatureName'> {
  readonly longDate: string;
  /** The template context but for the sender. */
  readonly context: Omit<TemplateContext, 'sender'>;
  /** The body, when the templates do not read the sender (the built-in ones do not); frozen. */
  readonly body: readonly Block[] | undefined;
}

// A batch writes the same letter to one recipient for thousands of signers; only the sender's
// lines, the date line and the signature differ. The rest is composed once per templates, action,
// recipient, language, kind, date and cc line, and shared: frozen, so no renderer can change it
// for the next letter, and so renderers may keep what they derive from it (see render-text.ts).
// Weak maps: the cache lives as long as the run's templates, actions and recipients do.
const sharedCache = new WeakMap<TemplateSet, WeakMap<Action, WeakMap<Recipient, Map<string, SharedParts>>>>();
const VARIANTS_PER_RECIPIENT = 64;

// Returns the shared parts, and the body rendered for this letter's sender when they were composed now.
function sharedParts(input: ComposeInput, sender: TemplateContext['sender']): { shared: SharedParts; body?: readonly Block[] } {
  const { letter, templates, date, diplomaticCcLine } = input;
  const { action } = letter.source;
  let byAction = sharedCache.get(templates);
  if (!byAction) sharedCache.set(templates, (byAction = new WeakMap()));
  let byRecipient = byAction.get(action);
  if (!byRecipient) byAction.set(action, (byRecipient = new WeakMap()));
  let variants = byRecipient.get(letter.recipient);
  if (!variants) byRecipient.set(letter.recipient, (variants = new Map()));
  const key = `${letter.language}\u0000${letter.kind}\u0000${date}\u0000${diplomaticCcLine ?? ''}`;
  const cached = variants.get(key);
  if (cached) return { shared: cached };
  const { shared, body } = composeSharedParts(input, sender);
  if (variants.size >= VARIANTS_PER_RECIPIENT) variants.clear();
  variants.set(key, shared);
  return { shared, body };
}

function composeSharedParts({ letter, templates, date, diplomaticCcLine }: ComposeInput, sender: TemplateContext['sender']): { shared: SharedParts; body: readonly Block[] } {
  const { action } = letter.source;
  const { language } = letter;
  const defaultLanguage = action.languages[0] ?? language;
  const strings = templates.strings;
  const pick = (text: Parameters<typeof resolveLocalized>[0]) => resolveLocalized(text, language, defaultLanguage);

  const toTemplateRecipient = (recipient: Recipient, fallbackSalutation: string): TemplateRecipient =>
    definedFields({
      title: pick(recipient.title),
      name: pick(recipient.name),
      organisation: pick(recipient.organisation),
      gender: recipient.gender,
      salutation: localizedExactly(recipient.salutation, language, defaultLanguage) ?? fallbackSalutation,
    });

  const content = action.letter[language] ?? {};
  const title = pick(action.title) ?? '';
  const context: Omit<TemplateContext, 'sender'> = {
    language,
    kind: letter.kind,
    action: definedFields({
      number: action.number ?? '',
      index: action.index,
      title,
      country: action.country,
      deadline: action.deadline,
      issued: action.issued,
      update: action.update,
    }),
    recipient: toTemplateRecipient(letter.recipient, letter.kind === 'diplomatic' ? strings.diplomaticSalutation : strings.defaultSalutation),
    primaryRecipients: action.recipients.map((r) => toTemplateRecipient(r, strings.defaultSalutation)),
    people: action.people.map((person) =>
      definedFields({ name: pick(person.name), group: pick(person.group), organisation: pick(person.organisation), gender: person.gender }),
    ),
    letter: definedFields({
      subject: content.subject,
      opening: content.opening,
      body: content.body,
      demands_intro: content.demands_intro,
      // A demand is one list item: line breaks inside it (even blank lines) are spaces.
      demands: (content.demands ?? []).map((demand) => demand.replace(/\s*\n\s*/g, ' ')),
      closing: content.closing,
    }),
    date,
  };
  // If the templates look at the sender at all, every letter renders its own body.
  const { body, read } = renderLetterBodyReading(templates, withSender(context, sender));
  const sharedBody = read.has('sender') ? undefined : freezeBody(body);

  const label = recipientLabel(letter.recipient, language, defaultLanguage);
  const cc =
    letter.kind === 'recipient'
      ? [...action.copies.map((r) => recipientCcLine(r, language, defaultLanguage)), ...(diplomaticCcLine ? [diplomaticCcLine] : [])]
      : [];
  const reference = [action.number, action.index ? `(${action.index})` : undefined].filter(Boolean).join(' ');
  const subject = content.subject ?? title;

  const shared: SharedParts = {
    language,
    direction: isRightToLeft(language) ? 'rtl' : 'ltr',
    title: `${action.number ?? title}: ${label}`,
    subject: title,
    longDate: formatLongDate(date, language),
    recipientLines: Object.freeze(recipientAddressLines(letter.recipient, language, defaultLanguage)),
    recipientShort: label,
    reference: reference === '' ? '' : joinLabel(strings.referencePrefix, reference),
    subjectLine: subject === '' ? '' : joinLabel(strings.subjectPrefix, subject),
    context,
    body: sharedBody,
    ccLabel: strings.ccLabel,
    cc: Object.freeze(cc),
    pageLabel: strings.pageLabel,
  };
  return { shared, body: sharedBody ?? body };
}

function freezeBody(body: Block[]): readonly Block[] {
  for (const block of body) {
    const lists = block.type === 'paragraph' ? [block.runs] : [...block.items, block.items];
    for (const list of lists) {
      for (const item of list) Object.freeze(item);
      Object.freeze(list);
    }
    Object.freeze(block);
  }
  return Object.freeze(body);
}

function joinLabel(prefix: string, text: string): string {
  return prefix === '' ? text : `${prefix} ${text}`;
}

function isRightToLeft(language: string): boolean {
  return ['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'dv', 'ckb'].includes(language.split('-')[0]?.toLowerCase() ?? '');
}

/** The fields whose value is defined, in their order: a key left out rather than set to undefined (exactOptionalPropertyTypes). */
function definedFields<T extends Record<string, unknown>>(fields: T): { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
} {
  // Filled key by key (see the lint rule on spreads in .config/eslint.config.js): a sender's
  // fields are picked so for every letter of a batch.
  const defined: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) if (fields[key] !== undefined) defined[key] = fields[key];
  return defined as ReturnType<typeof definedFields<T>>;
}

function withSender(context: Omit<TemplateContext, 'sender'>, sender: TemplateContext['sender']): TemplateContext {
  return Object.assign({}, context, { sender });
}
