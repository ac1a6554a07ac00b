import { Worker } from 'node:worker_threads';
const mods = process.argv.slice(2);
const code = `
const { parentPort, workerData } = await import('node:worker_threads');
const t = () => performance.timeOrigin + performance.now();
const marks = [['start', t()]];
for (const m of workerData) { await import(m); marks.push([m, t()]); }
parentPort.postMessage(marks);
`;
const t0 = performance.timeOrigin + performance.now();
const w = new Worker(code, { eval: true, workerData: mods });
w.on('message', (marks) => { let prev = t0; for (const [k, v] of marks) { console.log(k.padEnd(40), (v - t0).toFixed(0).padStart(5), '+' + (v - prev).toFixed(0)); prev = v; } w.terminate(); });
