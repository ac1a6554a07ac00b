// Reading PDFs back in tests: text and positions through pdfjs (always available), and the
// poppler/qpdf command-line checks real users' tools would run (when installed).
import { execFile, spawnSync } from 'node:child_process';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A run of text pdfjs found: baseline origin in points from the page's top-left, width, font size. */
export interface PdfTextItem {
  readonly page: number;
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly size: number;
}

/** The document information and catalog entries pdfjs reports, and the page count. */
export interface PdfInfo {
  readonly pages: number;
  readonly title: unknown;
  readonly subject: unknown;
  readonly creator: unknown;
  readonly producer: unknown;
  readonly language: unknown;
  readonly creationDate: unknown;
  readonly modDate: unknown;
}

// Extracts all text of a PDF, page after page, lines as pdfjs marks them.
export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  const pages = await readPages(bytes);
  return pages.map((items) => items.map((i) => i.text + (i.eol ? '\n' : '')).join('')).join('\n');
}

// Lists the text items of a PDF with their positions, for layout assertions.
export async function extractPdfTextItems(bytes: Uint8Array): Promise<PdfTextItem[]> {
  const pages = await readPages(bytes);
  return pages.flatMap((items, index) =>
    items.filter((i) => i.text.trim() !== '').map(({ eol: _eol, ...item }) => ({ page: index + 1, ...item })),
  );
}

// Reads the metadata a viewer shows: title, subject, creator, producer, language, dates.
export async function readPdfInfo(bytes: Uint8Array): Promise<PdfInfo> {
  const pdf = await openPdf(bytes);
  try {
    const { info } = (await pdf.getMetadata()) as unknown as { info: Record<string, unknown> };
    return {
      pages: pdf.numPages,
      title: info['Title'],
      subject: info['Subject'],
      creator: info['Creator'],
      producer: info['Producer'],
      language: info['Language'],
      creationDate: info['CreationDate'],
      modDate: info['ModDate'],
    };
  } finally {
    await pdf.destroy();
  }
}

type RawItem = Omit<PdfTextItem, 'page'> & { readonly eol: boolean };

function openPdf(bytes: Uint8Array): ReturnType<typeof getDocument>['promise'] {
  // pdfjs takes ownership of (detaches) the buffer it is given, so it gets a copy.
  return getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 })
    .promise;
}

async function readPages(bytes: Uint8Array): Promise<RawItem[][]> {
  const pdf = await openPdf(bytes);
  try {
    const pages: RawItem[][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const height = page.getViewport({ scale: 1 }).height;
      const content = await page.getTextContent();
      const items: RawItem[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [a = 0, b = 0, , , e = 0, f = 0] = item.transform as number[];
        const size = Math.hypot(a, b);
        items.push({ text: item.str, x: e, y: height - f, width: item.width, size, eol: item.hasEOL });
      }
      pages.push(items);
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

/** What running an external tool gave: its output, or that it is not installed. */
export type ToolResult =
  | { readonly available: false }
  | { readonly available: true; readonly status: number; readonly stdout: string; readonly stderr: string };

// True when a command-line tool can be run here; tests that need it are skipped otherwise.
export function isToolAvailable(command: string): boolean {
  const result = spawnSync(command, ['-v'], { stdio: 'ignore' });
  return !(result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT');
}

// `pdffonts FILE`: one line per font, with the emb / sub / uni columns.
export function pdffonts(path: string): Promise<ToolResult> {
  return runTool('pdffonts', [path]);
}

// `qpdf --check FILE`: status 0 when the file's structure and streams are sound.
export function qpdfCheck(path: string): Promise<ToolResult> {
  return runTool('qpdf', ['--check', path]);
}

// `pdftotext -layout FILE -`: the text as a reader's copy-and-paste would get it.
export function pdftotext(path: string): Promise<ToolResult> {
  return runTool('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-']);
}

function runTool(command: string, args: readonly string[]): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error === null) resolve({ available: true, status: 0, stdout, stderr });
      else if (error.code === 'ENOENT') resolve({ available: false });
      else if (typeof error.code === 'number') resolve({ available: true, status: error.code, stdout, stderr });
      else reject(error);
    });
  });
}

// A missing tool skips its test on a developer machine, but fails it in CI.
export const skipWithout = (tool: string): boolean => !isToolAvailable(tool) && !process.env['CI'];

// The output of a tool that must be installed (CI installs poppler-utils and qpdf).
export function toolOutput(result: ToolResult): { status: number; stdout: string } {
  if (!result.available) throw new Error('tool not installed (CI must install poppler-utils and qpdf)');
  return result;
}
