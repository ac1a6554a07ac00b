import { randomBytes } from 'node:crypto';
import { link, open, readFile, readdir, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// The lock names its owner by process id; the library still never exits or prints.
import { kill, pid } from 'node:process';
import { UaError } from '../diagnostics/ua-error.js';
import { describeIoError } from '../load/read-source.js';
import { makeFolder, NO_HARD_LINKS } from '../write/write-files.js';
import type { ManifestEntry } from './manifest.js';

// A run keeps its bookkeeping in <out>/.ua-letter/: a lock so two runs never write into one folder
// at once, and a journal of finished files so an interrupted run can be resumed (--resume).

const STATE_DIR = '.ua-letter';

/** Takes the output folder's lock; a lock left by a process that no longer runs is taken over. */
export async function acquireOutputLock(outDir: string): Promise<() => Promise<void>> {
  const dir = join(outDir, STATE_DIR);
  const lock = join(dir, 'lock');
  try {
    await makeFolder(dir);
  } catch (error) {
    throw new UaError('io/write-failed', `cannot create ${dir}: ${describeIoError(error)}`, { exitCode: 2, cause: error });
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await createLockFile(dir, lock);
      return async () => {
        await unlink(lock).catch(() => undefined);
        // Leaves the folder as it was when nothing else (an interrupted run's journal) is in it.
        await rmdir(dir).catch(() => undefined);
      };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') {
        throw new UaError('io/write-failed', `cannot lock ${outDir}: ${describeIoError(error)}`, { exitCode: 2, cause: error });
      }
      const owner = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && isProcessAlive(owner)) {
        throw new UaError('write/locked', `another ua-letter run (process ${owner}) is writing to ${outDir}; wait for it to finish`, { exitCode: 2 });
      }
      // An empty lock made a moment ago is being written (where there are no hard links).
      if (owner === 0 && (await isRecent(lock))) {
        throw new UaError('write/locked', `another ua-letter run is starting to write to ${outDir}; wait for it to finish`, { exitCode: 2 });
      }
      await unlink(lock).catch(() => undefined);
    }
  }
  throw new UaError('write/locked', `cannot lock ${outDir}: another run keeps taking the lock`, { exitCode: 2 });
}

// Creates the lock with this process's id already in it: written to a file of its own, then
// hard-linked into place, so that no other run ever reads an empty lock and takes it for stale.
async function createLockFile(dir: string, lock: string): Promise<void> {
  await removeDeadLockFiles(dir);
  const temp = join(dir, `.lock-${pid}-${randomBytes(4).toString('hex')}`);
  await writeFile(temp, String(pid), { flag: 'wx' });
  try {
    await link(temp, lock);
  } catch (error) {
    if (!NO_HARD_LINKS.has((error as { code?: string }).code ?? '')) throw error;
    const handle = await open(lock, 'wx');
    await handle.writeFile(String(pid));
    await handle.close();
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

// A run killed between writing its lock aside and linking it leaves the side file behind.
async function removeDeadLockFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const owner = /^\.lock-(\d+)-[0-9a-f]{8}$/.exec(name)?.[1];
    if (owner !== undefined && !isProcessAlive(Number(owner))) await unlink(join(dir, name)).catch(() => undefined);
  }
}

async function isRecent(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs < 10_000;
}

/** An append-only record of the files a run has finished, one JSON line per file. */
export interface Journal {
  readonly path: string;
  /** The entries a previous, interrupted run finished, by path. */
  readonly finished: ReadonlyMap<string, ManifestEntry>;
  /**
   * Notes a file as finished. Lines are appended in batches: a file finished just before a kill
   * may be missing from the journal, and is then simply written again by --resume.
   */
  record(entry: ManifestEntry): void;
  /** Appends what has been recorded so far (before reporting an interruption). */
  flush(): Promise<void>;
  remove(): Promise<void>;
}

// Lines held back before they are appended: one write per batch instead of one per file.
const JOURNAL_BATCH = 64;

/** Opens the journal; with `resume` its previous entries are read back, else it starts empty. */
export async function openJournal(outDir: string, resume: boolean): Promise<Journal> {
  const path = join(outDir, STATE_DIR, 'journal.jsonl');
  const finished = new Map<string, ManifestEntry>();
  if (resume) {
    const text = await readFile(path, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      // A line cut short by a kill is simply not taken: that file is written again.
      try {
        const entry = JSON.parse(line) as ManifestEntry;
        if (typeof entry.path === 'string' && typeof entry.sha256 === 'string') finished.set(entry.path, entry);
      } catch {
        continue;
      }
    }
  } else {
    await rm(path, { force: true });
  }
  const handle = await open(path, 'a');
  let lines: string[] = [];
  // Appends run one after the other, in the order entries were recorded.
  let appended: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    if (lines.length > 0) {
      const text = lines.join('');
      lines = [];
      appended = appended.then(async () => {
        await handle.write(text).catch((error: unknown) => {
          throw new UaError('io/write-failed', `cannot write ${path}: ${describeIoError(error)}`, { exitCode: 2, cause: error });
        });
      });
    }
    return appended;
  };
  return {
    path,
    finished,
    record: (entry) => {
      lines.push(`${JSON.stringify(entry)}\n`);
      // A failed append surfaces at the next flush() or remove().
      if (lines.length >= JOURNAL_BATCH) flush().catch(() => undefined);
    },
    flush,
    remove: async () => {
      // The journal is done with: lines it could not take no longer matter.
      await flush().catch(() => undefined);
      await handle.close();
      await rm(path, { force: true });
    },
  };
}

/**
 * Where a run keeps the manifest rows of the files it finished a while ago, until its manifest is
 * written: files named `ledger-<column>.bin` (manifest-ledger.ts).
 */
export function ledgerSpillPath(outDir: string): string {
  return join(outDir, STATE_DIR, 'ledger');
}

/** True when an interrupted run left a journal behind. */
export async function hasJournal(outDir: string): Promise<boolean> {
  return readFile(join(outDir, STATE_DIR, 'journal.jsonl')).then(
    () => true,
    () => false,
  );
}

/** Removes temporary files an interrupted run left (named `.<hex>.tmp`), so no partial file remains. */
export async function removeStaleTempFiles(folder: string): Promise<number> {
  let removed = 0;
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && entry.name !== STATE_DIR) removed += await removeStaleTempFiles(path);
    else if (entry.isFile() && /^\.[0-9a-f]{12}\.tmp$/.test(entry.name)) {
      await unlink(path).catch(() => undefined);
      removed++;
    }
  }
  return removed;
}

function isProcessAlive(owner: number): boolean {
  try {
    kill(owner, 0);
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
  return !isZombie(owner);
}

// A run killed (kill -9) stays a zombie until its parent collects it, for a moment or, under a
// parent that never does, for good; signals still reach it, but it writes nothing. Linux says so
// in /proc/<pid>/stat (state Z, or X once it is being removed); elsewhere it counts as alive.
function isZombie(owner: number): boolean {
  try {
    const stat = readFileSync(`/proc/${owner}/stat`, 'utf8');
    // "pid (command) state ...": the command may hold spaces and parentheses; the state follows the last ')'.
    const state = stat[stat.lastIndexOf(')') + 2];
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}
