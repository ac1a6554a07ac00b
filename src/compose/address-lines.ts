import type { Recipient } from '../schema/action-schema.js';
import { resolveLocalized } from '../schema/localized.js';
import type { Sender } from '../schema/sender-schema.js';

/** The postal address block of a recipient in a language: title, name, unit, organisation, c/o, street, country. */
export function recipientAddressLines(recipient: Recipient, language: string, defaultLanguage: string): string[] {
  const pick = (text: Recipient['title']) => resolveLocalized(text, language, defaultLanguage);
  const careOf = pick(recipient.care_of);
  const lines = [
    pick(recipient.title),
    pick(recipient.name),
    pick(recipient.unit),
    pick(recipient.organisation),
    careOf === undefined ? undefined : `c/o ${careOf}`,
    ...(recipient.address ?? []),
    recipient.country,
  ];
  return dropRepeats(lines.filter((line): line is string => line !== undefined && line.trim() !== ''));
}

/** A short label for a recipient: the name, else the title, else the organisation. */
export function recipientLabel(recipient: Recipient, language: string, defaultLanguage: string): string {
  const pick = (text: Recipient['title']) => resolveLocalized(text, language, defaultLanguage);
  return pick(recipient.name) ?? pick(recipient.title) ?? pick(recipient.organisation) ?? '';
}

/** A one-line description for a cc list: "Mami Kairat, Prosecutor General". */
export function recipientCcLine(recipient: Recipient, language: string, defaultLanguage: string): string {
  const pick = (text: Recipient['title']) => resolveLocalized(text, language, defaultLanguage);
  return dropRepeats([pick(recipient.name), pick(recipient.title), pick(recipient.organisation)].filter((p): p is string => Boolean(p))).join(', ');
}

/** The sender's address block; empty when nothing is known. */
export function senderAddressLines(sender: Sender): string[] {
  const cityLine = [sender.postcode, sender.city].filter(Boolean).join(' ');
  return [sender.name, ...(sender.address ?? []), cityLine, sender.country, sender.email].filter(
    (line): line is string => line !== undefined && line.trim() !== '',
  );
}

/** One line for the return-address strip above a window: "Name · Street · City". */
export function senderReturnLine(sender: Sender): string {
  const cityLine = [sender.postcode, sender.city].filter(Boolean).join(' ');
  return [sender.name, ...(sender.address ?? []), cityLine, sender.country].filter((p) => p && p.trim() !== '').join(' · ');
}

// "Ministry of Internal Affairs" often appears as both organisation and first address line.
function dropRepeats(lines: string[]): string[] {
  return lines.filter((line, i) => lines.findIndex((other) => other.trim().toLowerCase() === line.trim().toLowerCase()) === i);
}
