import type { Block, TextRun } from '../letter/letter-document.js';
import { EM_CLOSE, EM_OPEN, HARD_BREAK, STRONG_CLOSE, STRONG_OPEN } from './markup-markers.js';

// The markup templates write, deliberately tiny so that action text passes through it unharmed:
//   - one or more blank lines separate paragraphs;
//   - lines of a paragraph are joined with one space, so text hard-wrapped in YAML reflows;
//   - a line ending with the HARD_BREAK marker ends with a hard line break instead (a marker, not a
//     backslash, so that action text ending in "\" is printed as written);
//   - a paragraph whose first line starts with "- " or "• " is a list; every line starting so begins an
//     item, other lines continue the item before them;
//   - bold and italic come only from marker characters (see markup-markers.ts), never from * or _.

interface Segment {
  text: string;
  readonly bold: boolean;
  readonly italic: boolean;
}

interface Style {
  readonly bold: boolean;
  readonly italic: boolean;
}

interface StyledLine {
  readonly segments: Segment[];
  /** The style in force where the line ends, which the space joining it to the next line takes. */
  readonly end: Style;
}

interface MarkupLine extends StyledLine {
  readonly hardBreak: boolean;
}

const BULLETS = ['- ', '• '];

/** Turns template output (ua-letter markup) into the paragraphs and lists of a letter body. */
export function parseMarkup(markup: string): Block[] {
  const blocks: Block[] = [];
  let chunk: MarkupLine[] = [];
  const flush = (): void => {
    const block = chunk.length > 0 ? buildBlock(chunk) : null;
    if (block !== null) blocks.push(block);
    chunk = [];
  };
  for (const line of splitStyledLines(markup)) {
    trimSegments(line.segments);
    if (plainText(line.segments) === '') flush();
    else chunk.push(takeHardBreak(line));
  }
  flush();
  return blocks;
}

const TOKENS = new RegExp(`([${STRONG_OPEN}${STRONG_CLOSE}${EM_OPEN}${EM_CLOSE}\n])`);

// Marker state carries across lines and paragraphs, so {{#em}} around a multi-paragraph field works.
function splitStyledLines(markup: string): StyledLine[] {
  const lines: StyledLine[] = [];
  let segments: Segment[] = [];
  let boldDepth = 0;
  let italicDepth = 0;
  const style = (): Style => ({ bold: boldDepth > 0, italic: italicDepth > 0 });
  const normalized = markup.replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
  // Splitting on a capturing group keeps the delimiters: text and single control characters alternate.
  for (const token of normalized.split(TOKENS)) {
    switch (token) {
      case '':
        break;
      case STRONG_OPEN:
        boldDepth++;
        break;
      case STRONG_CLOSE:
        boldDepth = Math.max(0, boldDepth - 1);
        break;
      case EM_OPEN:
        italicDepth++;
        break;
      case EM_CLOSE:
        italicDepth = Math.max(0, italicDepth - 1);
        break;
      case '\n':
        lines.push({ segments, end: style() });
        segments = [];
        break;
      default:
        segments.push({ text: token, ...style() });
    }
  }
  lines.push({ segments, end: style() });
  return lines;
}

function plainText(segments: readonly Segment[]): string {
  return segments.map((s) => s.text).join('');
}

// Trims spaces at both ends of a line and collapses runs of spaces inside it, in place.
function trimSegments(segments: Segment[]): void {
  for (const segment of segments) segment.text = segment.text.replace(/ {2,}/g, ' ');
  while (segments.length > 0) {
    const first = segments[0]!;
    first.text = first.text.replace(/^ +/, '');
    if (first.text !== '') break;
    segments.shift();
  }
  while (segments.length > 0) {
    const last = segments[segments.length - 1]!;
    last.text = last.text.replace(/ +$/, '');
    if (last.text !== '') break;
    segments.pop();
  }
}

function takeHardBreak(line: StyledLine): MarkupLine {
  const last = line.segments[line.segments.length - 1];
  if (last === undefined || !last.text.endsWith(HARD_BREAK)) return { segments: line.segments, end: line.end, hardBreak: false };
  last.text = last.text.slice(0, -HARD_BREAK.length);
  trimSegments(line.segments);
  return { segments: line.segments, end: line.end, hardBreak: true };
}

function bulletOf(line: MarkupLine): boolean {
  const text = plainText(line.segments);
  return BULLETS.some((bullet) => text.startsWith(bullet));
}

// Removes the two-character bullet from the start of a line, whatever segments it spans.
function dropBullet(segments: Segment[]): Segment[] {
  let toDrop = 2;
  const rest: Segment[] = [];
  for (const segment of segments) {
    if (toDrop > 0) {
      const cut = Math.min(toDrop, segment.text.length);
      toDrop -= cut;
      const text = segment.text.slice(cut);
      if (text !== '') rest.push({ text, bold: segment.bold, italic: segment.italic });
    } else {
      rest.push(segment);
    }
  }
  trimSegments(rest);
  return rest;
}

function buildBlock(lines: readonly MarkupLine[]): Block | null {
  const [first] = lines;
  if (first === undefined) return null;
  if (!bulletOf(first)) {
    const runs = joinLines(lines);
    return runs.length === 0 ? null : { type: 'paragraph', runs };
  }
  const items: MarkupLine[][] = [];
  for (const line of lines) {
    if (bulletOf(line)) items.push([{ segments: dropBullet(line.segments), end: line.end, hardBreak: line.hardBreak }]);
    else items[items.length - 1]!.push(line);
  }
  return { type: 'list', items: items.map(joinLines) };
}

function joinLines(lines: readonly MarkupLine[]): TextRun[] {
  const runs: TextRun[] = [];
  const append = (text: string, bold: boolean, italic: boolean): void => {
    const previous = runs[runs.length - 1];
    // A line joint next to a space already written would double it.
    const body = previous !== undefined && /[ \n]$/.test(previous.text) ? text.replace(/^ +/, '') : text;
    if (body === '') return;
    if (previous !== undefined && (previous.bold ?? false) === bold && (previous.italic ?? false) === italic) {
      runs[runs.length - 1] = Object.assign({}, previous, { text: previous.text + body });
    } else {
      runs.push({ text: body, ...(bold ? { bold } : {}), ...(italic ? { italic } : {}) });
    }
  };
  lines.forEach((line, index) => {
    for (const segment of line.segments) append(segment.text, segment.bold, segment.italic);
    if (index < lines.length - 1 && runs.length > 0) {
      append(line.hardBreak ? '\n' : ' ', line.end.bold, line.end.italic);
    }
  });
  return runs;
}
