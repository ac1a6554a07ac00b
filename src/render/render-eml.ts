import type { Block, LetterDocument, TextRun } from '../letter/letter-document.js';
import { cleanText } from './clean-text.js';
import {
  addressListParts,
  foldHeader,
  formatEmailDate,
  formatMessageId,
  mailboxParts,
  unstructuredParts,
  type Mailbox,
} from './email-header.js';
import { encodeQuotedPrintable } from './mime-encoding.js';
import { TEXT_LINE_WIDTH } from './render-text.js';
import { wrapText } from './wrap-text.js';

/** Who an appeal email goes to and what its headers say; everything that would vary per run is given. */
export interface EmlEnvelope {
  readonly to: readonly string[];
  readonly cc: readonly string[];
  /** Omitted from the draft when absent: the mail client that opens it fills in its own account. */
  readonly from?: Mailbox;
  readonly subject: string;
  readonly date: Date;
  /** Deterministic, e.g. derived from the action and recipient: `ua-129-10.ru.1@ua-letter.invalid`. */
  readonly messageId: string;
}

// RFC 5322 §2.1.1 caps lines at 998 octets and asks for 78; a 7-bit body with a longer line (a long
// URL) goes quoted-printable instead, which keeps every line of the message within 78.
const MAX_7BIT_LINE = 78;

// Bold and italic have no plain-text form, so only the text of runs is kept (as in renderText).
function runsText(runs: readonly TextRun[]): string {
  return runs.map((run) => run.text).join('');
}

// format=flowed (RFC 3676): each hard line is wrapped to 72 columns and every line that continues
// ends in a space, so clients that flow text rejoin the paragraph at their own width while the rest
// show it at 72. A hanging indent would be read as leading spaces of the joined text, so list items
// are not indented after their first line.
function flowed(text: string, bullet = ''): string[] {
  return cleanText(text)
    .split('\n')
    .flatMap((hardLine, index) => {
      const lines = wrapText(hardLine, TEXT_LINE_WIDTH, { first: index === 0 ? bullet : '', rest: '' });
      return lines.map((line, at) => (at < lines.length - 1 ? `${line} ` : line));
    });
}

function blockLines(block: Block): string[] {
  if (block.type === 'paragraph') return flowed(runsText(block.runs));
  return block.items.flatMap((item) => flowed(runsText(item), '- '));
}

// RFC 3676 §4.4: a line starting with a space, ">" (a quote) or "From " (mangled by mbox) gets one
// more space, which flowing readers remove.
function spaceStuffed(line: string): string {
  return /^( |>|From )/.test(line) ? ` ${line}` : line;
}

/**
 * The letter as the text of an email, in format=flowed, LF line endings, ending with one newline.
 *
 * An email keeps the salutation, body and complimentary close, then the signer's name directly under
 * the close (there is nothing to sign by hand), then the sender's address lines as a signature block,
 * since it is the authority's only way to write back by post. The postal blocks go: the recipient's
 * address and the date have no place in an email (the Date header carries the date), and the
 * reference and subject line are what the Subject header says. The cc line is dropped too: the Cc
 * header lists exactly who receives this email, while the letter's cc line may name copies sent
 * another way, which would mislead here.
 */
export function renderEmailBody(doc: LetterDocument): string {
  const body = doc.body.map(blockLines).flatMap((lines, index) => (index === 0 ? lines : ['', ...lines]));
  const signer = doc.signatureName === null ? '' : doc.signatureName.trim();
  const senderLines = (doc.senderLines ?? []).filter(
    (line) => line.trim() !== '' && line.trim().toLowerCase() !== signer.toLowerCase(),
  );
  const signature = [signer, ...senderLines].filter((line) => line !== '').flatMap((line) => flowed(line));
  return `${[...body, ...signature].map(spaceStuffed).join('\n')}\n`;
}

/** A subject line for an appeal email, e.g. "UA 129/10: Uzbeks at risk of forcible return". */
export function emailSubject(actionNumber: string | undefined, title: string, prefix?: string): string {
  const number = actionNumber?.trim() ?? '';
  return [prefix?.trim() ?? '', number === '' ? '' : `${number}:`, title.trim()].filter((part) => part !== '').join(' ');
}

/**
 * An appeal as an RFC 5322 message draft (CRLF line endings, no line over 78 characters) that mail
 * clients open ready to send. Identical inputs give identical bytes.
 */
export function renderEml(doc: LetterDocument, envelope: EmlEnvelope): string {
  const body = renderEmailBody(doc);
  const lines = body.slice(0, -1).split('\n');
  const sevenBit = lines.every((line) => /^[\x20-\x7e]*$/.test(line) && line.length <= MAX_7BIT_LINE);
  const encoding = sevenBit ? '7bit' : transferEncodingFor(body);
  const headers = [
    foldHeader('Date', [{ text: formatEmailDate(envelope.date) }]),
    ...(envelope.from === undefined ? [] : [foldHeader('From', mailboxParts(envelope.from))]),
    ...(envelope.to.length === 0 ? [] : [foldHeader('To', addressListParts(envelope.to))]),
    ...(envelope.cc.length === 0 ? [] : [foldHeader('Cc', addressListParts(envelope.cc))]),
    foldHeader('Subject', unstructuredParts(envelope.subject)),
    foldHeader('Message-ID', [{ text: formatMessageId(envelope.messageId) }]),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8; format=flowed',
    `Content-Transfer-Encoding: ${encoding}`,
    // Outlook opens a message with X-Unsent: 1 in a compose window instead of as received mail.
    'X-Unsent: 1',
  ];
  const encodedBody =
    encoding === '7bit' ? lines.join('\r\n') : encoding === 'base64' ? encodeBase64Lines(lines.join('\r\n')) : encodeQuotedPrintable(lines.join('\n'));
  return `${headers.join('\r\n')}\r\n\r\n${encodedBody}\r\n`;
}

// Quoted-printable keeps mostly-Latin text readable in the raw message; for Cyrillic, Greek or
// Arabic it triples the size (=D0=A3...), so a body that is mostly non-ASCII goes base64.
function transferEncodingFor(body: string): 'quoted-printable' | 'base64' {
  const bytes = Buffer.from(body, 'utf8');
  let high = 0;
  for (const byte of bytes) if (byte >= 0x80) high++;
  return high * 3 > bytes.length ? 'base64' : 'quoted-printable';
}

// Base64 in lines of 76 characters, CRLF-separated (RFC 2045 §6.8).
function encodeBase64Lines(text: string): string {
  const encoded = Buffer.from(text, 'utf8').toString('base64');
  return (encoded.match(/.{1,76}/g) ?? []).join('\r\n');
}
