import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { link, mkdir, open, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { UaError } from '../diagnostics/ua-error.js';
import { describeIoError } from '../load/read-source.js';

/** A file to write, relative to the output folder. */
export interface OutputFile {
  readonly relativePath: string;
  readonly bytes: Uint8Array;
}

/** Resolves a relative output path, refusing anything that would land outside the output folder. */
export function resolveInside(outDir: string, relativePath: string): string {
  const root = resolve(outDir);
  const target = resolve(root, relativePath);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel) || relativePath.includes('\0')) {
    throw new UaError('write/outside-output', `refusing to write ${JSON.stringify(relativePath)}: it is not inside ${outDir}`, { exitCode: 2 });
  }
  return target;
}

/**
 * The output paths (relative) that already exist. Each folder is listed once rather than each
 * path looked up: a batch of 100,000 letters spent about 10 s on stat calls, one after the other,
 * before its first letter.
 */
export async function findExisting(outDir: string, relativePaths: Iterable<string>): Promise<string[]> {
  const existing: string[] = [];
  const listings = new Map<string, Listing>();
  for (const path of relativePaths) {
    const target = resolveInside(outDir, path);
    const folder = dirname(target);
    let listing = listings.get(folder);
    if (!listings.has(folder)) listings.set(folder, (listing = await listFolder(folder)));
    if (await listedOrPresent(listing, target, path)) existing.push(path);
  }
  return existing;
}

/** A folder's names, exactly and as a file system that ignores case and normalization sees them. */
interface FolderListing {
  readonly names: ReadonlySet<string>;
  readonly folded: ReadonlySet<string>;
}

// undefined: the folder is not there, so nothing in it is; 'look-up': it cannot be listed (not
// readable, or not a folder), so each path is looked up on its own, which tells why.
type Listing = FolderListing | undefined | 'look-up';

async function listFolder(folder: string): Promise<Listing> {
  try {
    const names = await readdir(folder);
    return { names: new Set(names), folded: new Set(names.map(foldName)) };
  } catch (error) {
    return (error as { code?: string }).code === 'ENOENT' ? undefined : 'look-up';
  }
}

// A name that differs only in case or Unicode normalization may be the same file (macOS, Windows):
// the file system says.
async function listedOrPresent(listing: Listing, target: string, path: string): Promise<boolean> {
  if (listing === undefined) return false;
  if (listing !== 'look-up') {
    const name = basename(target);
    if (listing.names.has(name)) return true;
    if (!listing.folded.has(foldName(name))) return false;
  }
  try {
    await stat(target);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return false;
    throw new UaError('io/unreadable', `${path}: ${describeIoError(error)}`, { exitCode: 2, cause: error });
  }
}

function foldName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/**
 * Writes one file atomically: the bytes go to a temporary file in the same folder, which is then
 * renamed (with `force`) or hard-linked (without, so an existing file is never replaced, even by a
 * run that started at the same time). A failure leaves no partial file behind.
 */
export async function writeFileAtomic(outDir: string, file: OutputFile, options: { force: boolean }): Promise<void> {
  const target = resolveInside(outDir, file.relativePath);
  await writeAtomic(target, (temp) => writeFile(temp, file.bytes, { flag: 'wx' }), { force: options.force, name: `${file.relativePath} in ${outDir}` });
}

/**
 * The atomic write itself, for any target path and any way of filling the temporary file (bytes,
 * or a stream for a print file of thousands of pages). `name` is how messages call the file.
 */
export async function writeAtomic(target: string, fill: (temp: string) => Promise<unknown>, options: { force: boolean; name: string }): Promise<void> {
  const temp = temporaryName(target);
  try {
    await ensureFolder(dirname(target));
    // No fsync: the rename is what keeps a crashed run from leaving a partial file; syncing every
    // letter would make a batch of thousands several times slower for a power-cut guarantee only.
    await fill(temp).catch(async (error: unknown) => {
      // The folder was removed under a running batch: make it again once, then give up loudly.
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
      knownFolders.delete(dirname(target));
      await ensureFolder(dirname(target));
      await fill(temp);
    });
    if (options.force) {
      await rename(temp, target);
    } else {
      await linkOrRename(temp, target);
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw writeFailure(error, options.name);
  }
}

/** writeFileAtomic for text made piece by piece (a manifest of 100,000 letters), never held whole. */
export async function writeTextAtomic(outDir: string, relativePath: string, pieces: Iterable<string>, options: { force: boolean }): Promise<void> {
  const target = resolveInside(outDir, relativePath);
  await writeAtomic(
    target,
    async (temp) => {
      const handle = await open(temp, 'wx');
      // Each piece is encoded into one buffer, used again: handle.write(string) makes a Buffer
      // per piece, which only a collection frees, and the 3,000 pieces of a 100,000-letter
      // manifest left 5 MB of them at the end of a run (its peak, for text files).
      let buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
      try {
        for (const piece of pieces) {
          const bytes = Buffer.byteLength(piece);
          if (bytes > buffer.length) buffer = Buffer.allocUnsafe(bytes);
          buffer.write(piece);
          for (let at = 0; at < bytes; ) at += (await handle.write(buffer, at, bytes - at)).bytesWritten;
        }
      } finally {
        await handle.close();
      }
    },
    { force: options.force, name: `${relativePath} in ${outDir}` },
  );
}

const WRITE_BUFFER_BYTES = 1 << 17;

/**
 * writeFileAtomic for a worker thread: the same steps with synchronous calls, which in a thread
 * of its own cost less than handing each of them to libuv's pool.
 */
export function writeFileAtomicSync(outDir: string, file: OutputFile, options: { force: boolean }): void {
  const target = resolveInside(outDir, file.relativePath);
  const temp = temporaryName(target);
  const fill = () => writeFileSync(temp, file.bytes, { flag: 'wx' });
  try {
    ensureFolderSync(dirname(target));
    try {
      fill();
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
      knownFolders.delete(dirname(target));
      ensureFolderSync(dirname(target));
      fill();
    }
    if (options.force) renameSync(temp, target);
    else linkOrRenameSync(temp, target);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Not made, or already renamed.
    }
    throw writeFailure(error, `${file.relativePath} in ${outDir}`);
  }
}

function temporaryName(target: string): string {
  return `${dirname(target)}${sep}.${randomBytes(6).toString('hex')}.tmp`;
}

function writeFailure(error: unknown, name: string): UaError {
  if (error instanceof UaError) return error;
  const { code, syscall } = error as { code?: string; syscall?: string };
  // mkdir -p reports a file standing where a folder should be as EEXIST too.
  if (code === 'EEXIST' && syscall === 'mkdir') {
    return new UaError('io/write-failed', `cannot write ${name}: a file stands where its folder should be`, { exitCode: 2, cause: error });
  }
  if (code === 'EEXIST') {
    return new UaError('write/exists', `${name} already exists; use --force to replace it`, { exitCode: 2, cause: error });
  }
  return new UaError('io/write-failed', `cannot write ${name}: ${describeIoError(error)}`, { exitCode: 2, cause: error });
}

// Hard links are refused by some file systems (see linkOrRename).
export const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

function linkOrRenameSync(temp: string, target: string): void {
  try {
    linkSync(temp, target);
    unlinkSync(temp);
  } catch (error) {
    if (!NO_HARD_LINKS.has((error as { code?: string }).code ?? '')) throw error;
    let exists = true;
    try {
      statSync(target);
    } catch {
      exists = false;
    }
    if (exists) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
    renameSync(temp, target);
  }
}

function ensureFolderSync(folder: string): void {
  if (knownFolders.has(folder)) return;
  mkdirSync(resolve(folder), { recursive: true });
  if (knownFolders.size > 10_000) knownFolders.clear();
  knownFolders.add(folder);
}

// Some file systems (FAT, some network shares) have no hard links: there, check and rename.
async function linkOrRename(temp: string, target: string): Promise<void> {
  try {
    await link(temp, target);
    await unlink(temp);
  } catch (error) {
    if (!NO_HARD_LINKS.has((error as { code?: string }).code ?? '')) throw error;
    const exists = await stat(target).then(() => true, () => false);
    if (exists) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
    await rename(temp, target);
  }
}

// Folders this process has made or seen: a batch writes thousands of files into a few folders.
const knownFolders = new Set<string>();

async function ensureFolder(folder: string): Promise<void> {
  if (knownFolders.has(folder)) return;
  await makeFolder(folder);
  if (knownFolders.size > 10_000) knownFolders.clear();
  knownFolders.add(folder);
}

/**
 * mkdir -p that reports the real reason: a recursive mkdir on a read-only file system fails with
 * ENOENT, so on failure the folders are made one by one to surface EROFS or EACCES.
 */
export async function makeFolder(path: string): Promise<void> {
  // Absolute first: a relative mkdir -p in a deleted working folder loops inside Node.
  const folder = resolve(path);
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
    const parent = dirname(folder);
    if (parent === folder) throw error;
    await makeFolder(parent);
    await mkdir(folder).catch((inner: unknown) => {
      if ((inner as { code?: string }).code !== 'EEXIST') throw inner;
    });
  }
}
