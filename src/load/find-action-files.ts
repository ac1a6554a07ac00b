import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UaError } from '../diagnostics/ua-error.js';
import { describeIoError } from './read-source.js';

const ACTION_FILE = /\.ya?ml$/i;

/** The action files one path given by the user stands for. */
export interface PathFiles {
  readonly path: string;
  readonly files: readonly string[];
}

/**
 * Expands files and folders into the action files they hold: folders are searched recursively for
 * *.yaml and *.yml (skipping dot-folders and node_modules); files named directly are always taken.
 * The result is sorted so every run sees the same order.
 */
export async function findActionFiles(paths: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const { files } of await findActionFilesByPath(paths)) for (const file of files) found.add(file);
  return [...found].sort();
}

/** Like findActionFiles, per path given, so a path that holds no action file can be reported. */
export async function findActionFilesByPath(paths: readonly string[]): Promise<PathFiles[]> {
  const out: PathFiles[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      throw new UaError('io/not-found', `${path}: ${describeIoError(error)}`, { exitCode: 2, cause: error });
    }
    const found = new Set<string>();
    if (info.isDirectory()) await collect(path, found, new Set());
    else found.add(path);
    out.push({ path, files: [...found].sort() });
  }
  return out;
}

// Symbolic links are followed, to files and to folders (a shared folder of actions linked in);
// `visited` holds the real path of every folder already searched, so a link loop ends.
async function collect(folder: string, found: Set<string>, visited: Set<string>): Promise<void> {
  let entries;
  try {
    const real = await realpath(folder);
    if (visited.has(real)) return;
    visited.add(real);
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new UaError('io/unreadable', `${folder}: cannot read folder: ${describeIoError(error)}`, { exitCode: 2, cause: error });
  }
  // Sorted so that, of two links to one folder, the same one is searched on every run.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => undefined);
      isDirectory = target?.isDirectory() ?? false;
      // A broken link with an action file's name is taken, so that reading it reports the problem
      // instead of the file silently not being checked.
      isFile = target === undefined || target.isFile();
    }
    if (isDirectory) await collect(path, found, visited);
    else if (isFile && ACTION_FILE.test(entry.name)) found.add(path);
  }
}
