// The baseline: what a script author gets from pdfkit alone. A plain loop, one document per letter,
// the font file read and parsed once (fontkit) and handed to every document, pdfkit's own line
// breaking, each PDF written with writeFile. No ua-letter code.
import { createReadStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Buffer } from 'node:buffer';
import PDFDocument from 'pdfkit';
import { create as createFont } from 'fontkit';
import { ROOT } from './fixtures.js';

const require = createRequire(join(ROOT, 'package.json'));

/** Renders the first `limit` letters of `textsFile` (one JSON string a line) to `outDir`/NNNNN.pdf. */
export async function renderBaseline(textsFile, outDir, limit = Infinity) {
  await mkdir(outDir, { recursive: true });
  const fontFile = join(require.resolve('dejavu-fonts-ttf/package.json'), '..', 'ttf', 'DejaVuSerif.ttf');
  const font = createFont(await readFile(fontFile));
  let count = 0;
  for await (const line of createInterface({ input: createReadStream(textsFile), crlfDelay: Infinity })) {
    if (line === '') continue;
    if (count >= limit) break;
    const text = JSON.parse(line);
    const doc = new PDFDocument({ size: 'A4', margin: 72 });
    const chunks = [];
    doc.on('data', (chunk) => chunks.push(chunk));
    const ended = new Promise((resolve, reject) => {
      doc.on('end', resolve);
      doc.on('error', reject);
    });
    doc.registerFont('body', font);
    doc.font('body').fontSize(10).text(text, { width: doc.page.width - 144 });
    doc.end();
    await ended;
    count++;
    await writeFile(join(outDir, `${String(count).padStart(5, '0')}.pdf`), Buffer.concat(chunks));
  }
  return count;
}
