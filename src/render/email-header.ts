import { domainToASCII } from 'node:url';
import { UaError } from '../diagnostics/ua-error.js';
import { encodedWordCapacity, encodeWord, MAX_ENCODED_WORD_LENGTH, utf8Length } from './mime-encoding.js';

// RFC 5322 §2.1.1: lines SHOULD stay within 78 characters; we fold every header to that.
const MAX_HEADER_LINE = 78;
const ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+$/;
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** A piece of a header value: a word kept whole, or text to carry as encoded-words. */
export interface HeaderPart {
  readonly text: string;
  readonly encode?: boolean;
}

/** A mailbox as the envelope gives it: an address and an optional display name. */
export interface Mailbox {
  readonly name?: string;
  readonly address: string;
}

// A header value is one line: control characters (a CR/LF would start a header of its own) and runs of
// ASCII whitespace become one space. No-break spaces are text and stay.
function headerText(text: string): string {
  return text.replace(/[\p{Cc} ]+/gu, ' ').trim();
}

/** True when text cannot appear in a header as it is: non-ASCII, or something a reader would take for an encoded-word. */
export function needsEncoding(text: string): boolean {
  return !PRINTABLE_ASCII.test(text) || text.includes('=?');
}

// The code points from `start` that fit in one encoded-word of at most `length` characters.
function fitEncoded(chars: readonly string[], start: number, length: number): number {
  const capacity = encodedWordCapacity(length);
  let bytes = 0;
  let end = start;
  for (; end < chars.length; end++) {
    bytes += utf8Length(chars[end] ?? '');
    if (bytes > capacity) break;
  }
  return end;
}

/**
 * Lays out `Name: parts` folded at whitespace (CRLF + space) so no line passes 78 characters; encoded
 * parts are cut into as many encoded-words as they need. Only a single word longer than a line can overflow.
 */
export function foldHeader(name: string, parts: readonly HeaderPart[]): string {
  const lines: string[] = [];
  let line = `${name}:`;
  let empty = true;
  const fold = () => {
    lines.push(line);
    line = '';
  };
  const place = (word: string) => {
    if (!empty && line.length + 1 + word.length > MAX_HEADER_LINE) fold();
    line += ` ${word}`;
    empty = false;
  };
  for (const part of parts) {
    if (!part.encode) {
      place(part.text);
      continue;
    }
    const chars = Array.from(part.text);
    for (let start = 0; start < chars.length; ) {
      let end = fitEncoded(chars, start, MAX_HEADER_LINE - line.length - 1);
      if (end === start) {
        fold();
        end = fitEncoded(chars, start, MAX_ENCODED_WORD_LENGTH);
      }
      place(encodeWord(chars.slice(start, end).join('')));
      start = end;
    }
  }
  lines.push(line);
  return lines.join('\r\n');
}

/** Unstructured header text (a Subject): plain words when it is ASCII, else UTF-8 encoded-words. */
export function unstructuredParts(text: string): HeaderPart[] {
  const value = headerText(text);
  if (value === '') return [];
  if (needsEncoding(value)) return [{ text: value, encode: true }];
  return value.split(' ').map((word) => ({ text: word }));
}

/**
 * An addr-spec fit for a 7-bit header. An internationalized domain becomes its punycode form; a
 * non-ASCII local part would need SMTPUTF8 (RFC 6532), which a draft cannot count on, so it is refused.
 */
export function emailAddress(address: string): string {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf('@');
  const local = trimmed.slice(0, at);
  const domain = PRINTABLE_ASCII.test(trimmed.slice(at + 1)) ? trimmed.slice(at + 1) : domainToASCII(trimmed.slice(at + 1));
  if (at <= 0 || !DOT_ATOM.test(local) || !DOT_ATOM.test(domain)) {
    throw new UaError('email/bad-address', `cannot put ${JSON.stringify(address)} in an email header: expected an address like name@example.org`);
  }
  return `${local}@${domain}`;
}

// A display name as few readers would misread it: bare atoms, else a quoted string, else encoded-words
// (also when a quoted string could not fit on one line, since we do not fold inside quotes).
function displayNameParts(name: string): HeaderPart[] {
  const words = name.split(' ');
  if (!needsEncoding(name) && words.every((word) => ATOM.test(word))) return words.map((word) => ({ text: word }));
  const quoted = `"${name.replace(/["\\]/g, '\\$&')}"`;
  if (!needsEncoding(name) && quoted.length <= MAX_HEADER_LINE - 1) return [{ text: quoted }];
  return [{ text: name, encode: true }];
}

/** A mailbox as header parts: `addr` alone, or `name <addr>`; `separator` ends the last part (a list's comma). */
export function mailboxParts(mailbox: Mailbox, separator = ''): HeaderPart[] {
  const address = emailAddress(mailbox.address);
  const name = headerText(mailbox.name ?? '');
  if (name === '') return [{ text: `${address}${separator}` }];
  return [...displayNameParts(name), { text: `<${address}>${separator}` }];
}

/** Addresses as a comma-separated address list. */
export function addressListParts(addresses: readonly string[]): HeaderPart[] {
  return addresses.flatMap((address, index) => mailboxParts({ address }, index < addresses.length - 1 ? ',' : ''));
}

/** An RFC 5322 date-time in UTC, e.g. "Fri, 01 Oct 2010 09:00:00 +0000". */
export function formatEmailDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('email date: invalid Date');
  // toUTCString's layout is fixed by ECMAScript ("Fri, 01 Oct 2010 09:00:00 GMT"); +0000 is the
  // RFC 5322 spelling of the obsolete "GMT" zone.
  return date.toUTCString().replace(/ GMT$/, ' +0000');
}

/** A Message-ID in angle brackets; the caller supplies it (`left@right`) so output is reproducible. */
export function formatMessageId(id: string): string {
  const bare = id.trim().replace(/^<(.*)>$/, '$1');
  if (!PRINTABLE_ASCII.test(bare) || !/^[^\s<>@]+@[^\s<>@]+$/.test(bare)) {
    throw new RangeError(`Message-ID ${JSON.stringify(id)}: expected the form left@right`);
  }
  return `<${bare}>`;
}
