// MIME's two ways of carrying UTF-8 through 7-bit mail: quoted-printable for bodies (RFC 2045 §6.7)
// and B encoded-words for header text (RFC 2047). Both work on whole code points, so a character's
// bytes never straddle a soft line break or two encoded-words.

/** Longest encoded line of a quoted-printable body, soft-break "=" included (RFC 2045 §6.7 rule 5). */
export const QP_LINE_LENGTH = 76;
/** Longest encoded-word RFC 2047 §2 allows, delimiters included. */
export const MAX_ENCODED_WORD_LENGTH = 75;

const ENCODED_WORD_OVERHEAD = '=?UTF-8?B??='.length;
const utf8 = new TextEncoder();

function hexOctet(byte: number): string {
  return `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

// Printable ASCII other than "=" stands for itself; a space or tab does too except at the end of a
// line, where transports strip or pad whitespace (rule 3). Everything else becomes its =XX triplets.
function qpToken(char: string, endsLine: boolean): string {
  if (char === ' ' || char === '\t') return endsLine ? hexOctet(char.charCodeAt(0)) : char;
  if (char >= '!' && char <= '~' && char !== '=') return char;
  return Array.from(utf8.encode(char), hexOctet).join('');
}

function encodeQpLine(line: string): string {
  const chars = Array.from(line);
  const encoded: string[] = [];
  let current = '';
  chars.forEach((char, index) => {
    const last = index === chars.length - 1;
    const token = qpToken(char, last);
    // A line that continues needs one column for its "=", so only the line's last token may use all 76.
    if (current.length + token.length > (last ? QP_LINE_LENGTH : QP_LINE_LENGTH - 1)) {
      encoded.push(`${current}=`);
      current = '';
    }
    current += token;
  });
  encoded.push(current);
  return encoded.join('\r\n');
}

/** Encodes UTF-8 text as quoted-printable: LF or CRLF line breaks become CRLF, no line passes 76 columns. */
export function encodeQuotedPrintable(text: string): string {
  return text.replace(/\r\n?/g, '\n').split('\n').map(encodeQpLine).join('\r\n');
}

/** Bytes a string takes in UTF-8. */
export function utf8Length(text: string): number {
  return utf8.encode(text).length;
}

/** Most UTF-8 bytes one B encoded-word of at most `length` characters can carry. */
export function encodedWordCapacity(length: number): number {
  return Math.max(0, Math.floor((Math.min(length, MAX_ENCODED_WORD_LENGTH) - ENCODED_WORD_OVERHEAD) / 4) * 3);
}

/** Wraps text in one RFC 2047 B encoded-word; the caller keeps it within MAX_ENCODED_WORD_LENGTH. */
export function encodeWord(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}
