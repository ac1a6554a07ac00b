/** Counts the pages of a PDF made by pdfkit, which writes page objects uncompressed. */
export function countPdfPages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return (text.match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}
