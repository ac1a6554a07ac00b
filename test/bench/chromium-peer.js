// The HTML peer: the same letters as simple HTML pages, printed to PDF by headless Chromium through
// puppeteer-core, one page reused for every letter. Runs only where /usr/bin/chromium and
// puppeteer-core are installed; otherwise the bench says why it was skipped.
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Why the peer cannot run here, or undefined when it can. */
export async function unavailable() {
  if (!existsSync(CHROMIUM)) return `skipped: no Chromium at ${CHROMIUM}`;
  try {
    await import('puppeteer-core');
  } catch {
    return 'skipped: puppeteer-core is not installed (npm install --no-save puppeteer-core)';
  }
  return undefined;
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

// A plain page: the letter's lines in a serif face at 10 pt, A4 with 25 mm margins.
function letterHtml(text) {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 25mm; }
body { font-family: "DejaVu Serif", serif; font-size: 10pt; line-height: 1.35; white-space: pre-wrap; margin: 0; }
</style></head><body>${escapeHtml(text)}</body></html>`;
}

/** Prints the first `limit` letters of `textsFile` to `outDir`/NNNNN.pdf; returns the count. */
export async function renderWithChromium(textsFile, outDir, limit, work) {
  const { default: puppeteer } = await import('puppeteer-core');
  await mkdir(outDir, { recursive: true });
  const userDataDir = await mkdtemp(join(work, 'chromium-profile-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...FLAGS, `--user-data-dir=${userDataDir}`],
  });
  let count = 0;
  try {
    const page = await browser.newPage();
    for await (const line of createInterface({ input: createReadStream(textsFile), crlfDelay: Infinity })) {
      if (line === '') continue;
      if (count >= limit) break;
      await page.setContent(letterHtml(JSON.parse(line)), { waitUntil: 'load' });
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      count++;
      await writeFile(join(outDir, `${String(count).padStart(5, '0')}.pdf`), pdf);
    }
  } finally {
    await browser.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
  return count;
}
