// Runs one case in a child process and parses what it reports; times a command the same way.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const CASE_SCRIPT = fileURLToPath(new URL('./case.js', import.meta.url));

/** Runs case `name` for `n` letters in a fresh Node.js process; resolves to its measurements. */
export function measureCase(name, n, work) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CASE_SCRIPT, name, String(n), work], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`case ${name} (${n}) failed with exit code ${code}:\n${stderr.slice(-4000)}`));
        return;
      }
      resolve(JSON.parse(last));
    });
  });
}

/**
 * Runs a command to completion and measures its wall time and, where GNU time is installed,
 * its peak RSS (/usr/bin/time -f %M).
 */
export function measureCommand(command, args, { timeBinary } = {}) {
  const [file, argv] = timeBinary ? [timeBinary, ['-f', '__maxrss_kb=%M __cpu_s=%U+%S', command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      const rss = /__maxrss_kb=(\d+) __cpu_s=([\d.]+)\+([\d.]+)/.exec(stderr);
      resolve({ ms, code, stdout, stderr, ...(rss ? { maxRssMB: Number(rss[1]) / 1024, cpuMs: (Number(rss[2]) + Number(rss[3])) * 1000 } : {}) });
    });
  });
}
