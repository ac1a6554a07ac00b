// Combining marks (a decomposed "й" is и + U+0306) and format characters (zero-width space, soft
// hyphen, direction marks) take no column of their own, so they do not count towards a line's width.
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}]/u;
const ZERO_WIDTH_ALL = /[\p{Mn}\p{Me}\p{Cf}]/gu;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Columns a string takes in a monospaced text: code points, not UTF-16 units, less zero-width ones. */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // The second half of a surrogate pair belongs to the code point already counted.
    if (unit < 0xdc00 || unit > 0xdfff) width++;
  }
  return ZERO_WIDTH.test(text) ? width - (text.match(ZERO_WIDTH_ALL)?.length ?? 0) : width;
}

// A spaced dash ("узбеков — беженцев", "men – all refugees") must not start a line, so it
// travels with the word before it.
function words(line: string): string[] {
  const out: string[] = [];
  for (const word of line.split(' ')) {
    if (word === '') continue;
    const previous = out.length - 1;
    if ((word === '—' || word === '–') && previous >= 0) out[previous] += ` ${word}`;
    else out.push(word);
  }
  return out;
}

// True when the words of `text`, joined by single spaces, give `text` back: it is not empty and has
// no line break, no space at either end and no run of spaces.
function isOneLine(text: string): boolean {
  return text !== '' && !text.includes('\n') && !text.includes('  ') && text[0] !== ' ' && text[text.length - 1] !== ' ';
}

/** Indentation of wrapped text: `first` starts the text, `rest` every later line (a hanging indent). */
export interface WrapIndent {
  readonly first?: string;
  readonly rest?: string;
}

/**
 * Wraps text at `width` columns, breaking only at ASCII spaces so no-break spaces (French "Objet :")
 * hold. A word wider than the line stays whole on a line of its own. `\n` is a hard break.
 */
export function wrapText(text: string, width: number, indent: WrapIndent = {}): string[] {
  const first = indent.first ?? '';
  const rest = indent.rest ?? first;
  // Most lines of a letter (a name, a street, the date) are one short line already: when breaking
  // at spaces would change nothing, say so without cutting the text into words.
  if (isOneLine(text) && displayWidth(first) + displayWidth(text) <= width) return [first + text];
  const lines: string[] = [];
  let prefix = first;
  for (const hardLine of text.split('\n')) {
    let line = prefix;
    let lineWidth = displayWidth(prefix);
    let empty = true;
    for (const word of words(hardLine)) {
      const wordWidth = displayWidth(word);
      if (empty) {
        line += word;
        lineWidth += wordWidth;
        empty = false;
      } else if (lineWidth + 1 + wordWidth <= width) {
        line += ` ${word}`;
        lineWidth += 1 + wordWidth;
      } else {
        lines.push(line);
        line = rest + word;
        lineWidth = displayWidth(rest) + wordWidth;
      }
    }
    lines.push(empty ? '' : line);
    prefix = rest;
  }
  return lines;
}
