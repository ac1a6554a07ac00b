// Child entry: `node case.js <case> <n> <work dir>`; prints one JSON line with the measurements.
import { runCase } from './cases.js';

const [name, n, work] = process.argv.slice(2);
const result = await runCase(name, Number(n), work);
process.stdout.write(`${JSON.stringify(result)}\n`);
