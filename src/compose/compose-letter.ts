import type { LetterDocument } from '../letter/letter-document.js';
import type { TemplateContext, TemplateRecipient } from '../letter/template-context.js';
import type { PlannedLetter } from '../plan/planned-letter.js';
import type { Recipient } from '../schema/action-schema.js';
import { localizedExactly, resolveLocalized } from '../schema/localized.js';
import type { Sender } from '../schema/sender-schema.js';
import { formatLongDate } from '../template/format-long-date.js';
import { renderLetterBody } from '../template/template-engine.js';
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
export function composeLetter({ letter, templates, sender, date, diplomaticCcLine }: ComposeInput): LetterDocument {
  const { action } = letter.source;
  const { language } = letter;
  const defaultLanguage = action.languages[0] ?? language;
  const strings = templates.strings;
  const pick = (text: Parameters<typeof resolveLocalized>[0]) => resolveLocalized(text, language, defaultLanguage);

  const toTemplateRecipient = (recipient: Recipient, fallbackSalutation: string): TemplateRecipient => ({
    ...optional('title', pick(recipient.title)),
    ...optional('name', pick(recipient.name)),
    ...optional('organisation', pick(recipient.organisation)),
    ...optional('gender', recipient.gender),
    salutation: localizedExactly(recipient.salutation, language, defaultLanguage) ?? fallbackSalutation,
  });

  const content = action.letter[language] ?? {};
  const title = pick(action.title) ?? '';
  const context: TemplateContext = {
    language,
    kind: letter.kind,
    action: {
      number: action.number ?? '',
      ...optional('index', action.index),
      title,
      country: action.country,
      deadline: action.deadline,
      issued: action.issued,
      update: action.update,
    },
    recipient: toTemplateRecipient(letter.recipient, letter.kind === 'diplomatic' ? strings.diplomaticSalutation : strings.defaultSalutation),
    primaryRecipients: action.recipients.map((r) => toTemplateRecipient(r, strings.defaultSalutation)),
    people: action.people.map((person) => ({
      ...optional('name', pick(person.name)),
      ...optional('group', pick(person.group)),
      ...optional('organisation', pick(person.organisation)),
      ...optional('gender', person.gender),
    })),
    letter: {
      ...optional('subject', content.subject),
      ...optional('opening', content.opening),
      ...optional('body', content.body),
      ...optional('demands_intro', content.demands_intro),
      demands: content.demands ?? [],
      ...optional('closing', content.closing),
    },
    sender: sender === null ? null : { ...optional('name', sender.name), ...optional('city', sender.city) },
    date,
  };

  const longDate = formatLongDate(date, language);
  const label = recipientLabel(letter.recipient, language, defaultLanguage);
  const cc =
    letter.kind === 'recipient'
      ? [...action.copies.map((r) => recipientCcLine(r, language, defaultLanguage)), ...(diplomaticCcLine ? [diplomaticCcLine] : [])]
      : [];
  const reference = [action.number, action.index ? `(${action.index})` : undefined].filter(Boolean).join(' ');
  const subject = content.subject ?? title;

  return {
    language,
    direction: isRightToLeft(language) ? 'rtl' : 'ltr',
    title: `${action.number ?? title}: ${label}`,
    subject: title,
    senderLines: sender === null ? null : senderAddressLines(sender),
    returnAddress: sender === null ? '' : senderReturnLine(sender),
    dateLine: sender?.city ? `${sender.city}, ${longDate}` : longDate,
    recipientLines: recipientAddressLines(letter.recipient, language, defaultLanguage),
    recipientShort: label,
    reference: reference === '' ? '' : joinLabel(strings.referencePrefix, reference),
    subjectLine: subject === '' ? '' : joinLabel(strings.subjectPrefix, subject),
    body: renderLetterBody(templates, context),
    signatureName: sender?.name ?? null,
    ccLabel: strings.ccLabel,
    cc,
    pageLabel: strings.pageLabel,
  };
}

function joinLabel(prefix: string, text: string): string {
  return prefix === '' ? text : `${prefix} ${text}`;
}

function isRightToLeft(language: string): boolean {
  return ['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'dv', 'ckb'].includes(language.split('-')[0]?.toLowerCase() ?? '');
}

// exactOptionalPropertyTypes-friendly: leave a key out rather than set it to undefined.
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
