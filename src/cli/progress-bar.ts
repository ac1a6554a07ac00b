import type { Progress } from '../generate/generate-options.js';

/** A one-line progress bar for a terminal: count, bar, rate and time left; redrawn at most 10 times a second. */
export function createProgressBar(write: (text: string) => void, now: () => number = Date.now): { update(progress: Progress): void; finish(): void } {
  const started = now();
  let lastDraw = 0;
  let drawn = false;
  const draw = ({ done, total }: Progress) => {
    const elapsed = (now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const left = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    const width = 24;
    const filled = total > 0 ? Math.round((done / total) * width) : width;
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    write(`\r${bar} ${done}/${total} files  ${rate.toFixed(1)}/s  ETA ${formatSeconds(left)}\u001b[K`);
    drawn = true;
  };
  return {
    update(progress) {
      const t = now();
      if (t - lastDraw < 100 && progress.done < progress.total) return;
      lastDraw = t;
      draw(progress);
    },
    finish() {
      if (drawn) write('\r\u001b[K');
    },
  };
}

function formatSeconds(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}
