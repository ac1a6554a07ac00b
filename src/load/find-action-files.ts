import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UaError } from '../diagnostics/ua-error.js';
import { describeIoError } from './read-source.js';

const ACTION_FILE = /\.ya?ml$/i;

/**
 * Expands files and folders into the action files they hold: folders are searched recursively for
 * *.yaml and *.yml (skipping dot-folders and node_modules); files named directly are always taken.
 * The result is sorted so every run sees the same order.
 */
export async function findActionFiles(paths: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      throw new UaError('io/not-found', `${path}: ${describeIoError(error)}`, { exitCode: 2, cause: error });
    }
    if (info.isDirectory()) await collect(path, found);
    else found.add(path);
  }
  return [...found].sort();
}

async function collect(folder: string, found: Set<string>): Promise<void> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new UaError('io/unreadable', `${folder}: cannot read folder: ${describeIoError(error)}`, { exitCode: 2, cause: error });
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await collect(path, found);
    else if (entry.isFile() && ACTION_FILE.test(entry.name)) found.add(path);
  }
}
