import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LetterDocument } from '../../src/letter/letter-document.js';
import { alphabetOf, subsetCacheStats } from '../../src/render/font-subsets.js';
import { loadFontSet } from '../../src/render/fonts.js';
import { renderPdf } from '../../src/render/render-pdf.js';
import { english } from '../helpers/letter-documents.js';
import { extractPdfText, pdffonts, qpdfCheck, skipWithout, toolOutput } from '../helpers/pdf.js';

const fonts = loadFontSet();
const date = new Date('2010-10-01T09:30:00Z');
const settings = { paper: 'a4' as const, fonts, date };

const tmp = mkdtempSync(join(tmpdir(), 'ua-letter-subsets-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function signedBy(name: string, street: string): LetterDocument {
  return { ...english, senderLines: [name, street, '10969 Berlin', 'GERMANY'], returnAddress: `${name} · ${street} · 10969 Berlin`, signatureName: name };
}

// Render and count how many of the fonts embedded came from the cache.
async function render(doc: LetterDocument, alphabet?: string): Promise<{ bytes: Uint8Array; hits: number; lookups: number }> {
  const before = { ...subsetCacheStats };
  const bytes = await renderPdf(doc, { ...settings, ...(alphabet === undefined ? {} : { alphabet }) });
  return { bytes, hits: subsetCacheStats.hits - before.hits, lookups: subsetCacheStats.lookups - before.lookups };
}

describe('font subsets shared across letters', () => {
  it('gives the same bytes whether a font comes from the cache or is subset afresh', async () => {
    // Characters no other test uses, so that the first rendering finds nothing cached.
    const doc = signedBy('Øystein Ŋåkø', 'Ærøgade 7');
    const cold = await render(doc);
    const warm = await render(doc);
    expect(cold.lookups).toBeGreaterThan(0);
    expect(cold.hits).toBeLessThan(cold.lookups);
    expect(warm.hits).toBe(warm.lookups);
    expect(Buffer.from(warm.bytes).equals(Buffer.from(cold.bytes))).toBe(true);
  });

  it('reuses the fonts of a letter by another signer with the same characters', async () => {
    await render(signedBy('Anna Weiß', 'Lindenstraße 12'));
    // Other names, other order of first use: the same glyph lists all the same.
    const other = await render(signedBy('Ziegler Wolfgang Bauß', 'Kurfürstendamm 1'.replace('ü', 'u')));
    expect(other.hits).toBe(other.lookups);
    const text = await extractPdfText(other.bytes);
    expect(text).toContain('Ziegler Wolfgang Bauß');
    expect(text).toContain('Kurfurstendamm 1');
  });

  it('writes a sound PDF with subset fonts when they come from the cache', { skip: skipWithout('pdffonts') || skipWithout('qpdf') }, async () => {
    await render(signedBy('Anna Weiß', 'Lindenstraße 12'));
    const reused = await render(signedBy('Jörg Weiß', 'Lindenstraße 9'));
    const path = join(tmp, 'reused.pdf');
    writeFileSync(path, reused.bytes);
    expect(toolOutput(await qpdfCheck(path)).status).toBe(0);
    const fontLines = toolOutput(await pdffonts(path)).stdout.split('\n').slice(2).filter((line) => line.trim() !== '');
    expect(fontLines.length).toBeGreaterThan(0);
    for (const line of fontLines) expect(line).toMatch(/^[A-Z]{6}\+DejaVuSerif\S*\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(await extractPdfText(reused.bytes)).toContain('Jörg Weiß');
  });

  it('with a batch alphabet, shares the fonts of letters whose names have different letters', async () => {
    const names = [
      ['Łucja Świątek', 'Żeromskiego 5'],
      ['Ærøskøbing Ødegård', 'Åsveien 3'],
    ] as const;
    const alphabet = alphabetOf(names.flat());
    const first = await render(signedBy(...names[0]), alphabet);
    const second = await render(signedBy(...names[1]), alphabet);
    expect(first.hits).toBeLessThan(first.lookups);
    expect(second.hits).toBe(second.lookups);
    expect(await extractPdfText(second.bytes)).toContain('Ærøskøbing Ødegård');
    // Without it, the second name's letters make a glyph list of their own.
    const alone = await render(signedBy('Ærøskøbing Ødegård', 'Åsveien 4'));
    expect(alone.hits).toBeLessThan(alone.lookups);
  });
});

describe('alphabetOf', () => {
  it('lists the characters outside ASCII once, in code-point order, without invisible ones', () => {
    expect(alphabetOf(['Zoë Müller', 'Jürgen\u00ad Weiß', 'plain'])).toBe('ßëü');
  });

  it('gives up on a batch of too many characters to share', () => {
    const many = Array.from({ length: 500 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('');
    expect(alphabetOf([many])).toBe('');
  });
});
