const { loadSigners } = await import('./dist/load/load-signers.js');
const r = await loadSigners(process.argv[2]);
console.log(r.signers?.length);
