import { parseSigners } from './dist/load/load-signers.js';
const r = parseSigners('s.csv', 'name,email\n\nAnna,notanemail\n\n\n"Bob\nB",bad2\n');
console.log(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`));
