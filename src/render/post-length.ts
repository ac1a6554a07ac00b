// How long a post is as its network counts it. Most networks count characters, which we take as code
// points: never fewer than the graphemes Bluesky counts, so a post that fits here fits there. X is the
// exception and weighs text instead (twitter-text v3, developer.x.com "Counting characters"):
// the text is NFC-normalized, every link counts 23 (t.co), an emoji sequence counts 2, code points in
// Latin-to-Georgian and common punctuation count 1 and all others (CJK, most symbols) count 2.

const X_URL_LENGTH = 23;
const X_LIGHT_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];
// X links bare domains too ("amnesty.org/ua"), using a list of real TLDs we do not carry; a lower-case
// alphabetic TLD is our stand-in, which leaves "Mr.Smith" and "end.Next" alone. Closing punctuation
// after a link is text, as on X.
const LINK = /https?:\/\/[^\s]*[^\s.,:;!?'")\]}»]|(?<![\p{L}\p{N}_@./-])(?:[\p{L}\p{N}-]+\.)+[a-z]{2,63}(?:\/[^\s]*[^\s.,:;!?'")\]}»])?(?![\p{L}\p{N}_@-])/gu;
// The v flag (Node 20) is newer than our compile target, so the pattern is built at run time, and
// only when an X post is measured: compiling it takes ~40 ms, which every run importing this
// module (any generate, the library) would otherwise pay.
let emojiPattern: RegExp | undefined;
const emoji = (): RegExp => (emojiPattern ??= new RegExp('\\p{RGI_Emoji}', 'gv'));

function isXNetwork(network: string): boolean {
  return network === 'twitter' || network === 'x';
}

function xWeight(text: string): number {
  const emojiCount = text.match(emoji())?.length ?? 0;
  let weight = emojiCount * 2;
  for (const char of text.replace(emoji(), '')) {
    const code = char.codePointAt(0) ?? 0;
    weight += X_LIGHT_RANGES.some(([from, to]) => code >= from && code <= to) ? 1 : 2;
  }
  return weight;
}

function xLength(text: string): number {
  const normalized = text.normalize('NFC');
  let length = 0;
  let last = 0;
  for (const link of normalized.matchAll(LINK)) {
    length += xWeight(normalized.slice(last, link.index)) + X_URL_LENGTH;
    last = link.index + link[0].length;
  }
  return length + xWeight(normalized.slice(last));
}

/** The length a network counts for a post: X's weighted length for twitter and x, code points elsewhere. */
export function postLength(network: string, text: string): number {
  return isXNetwork(network) ? xLength(text) : Array.from(text).length;
}
