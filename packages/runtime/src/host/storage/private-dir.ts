import { lstatSync, mkdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@faultline/core';

/**
 * This user's folder for node storage under the temp directory (`faultline-<uid>`), made with mode
 * 0700. It is refused when it is a symlink, not a folder, not owned by this user, or open to others:
 * in a shared temp folder another user could have planted any of those first (issue 20, item 5).
 */
export function privateStorageRoot(parent: string = tmpdir()): string {
  const uid = process.getuid?.() ?? userInfo().uid;
  const dir = join(parent, `faultline-${uid}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stat = lstatSync(dir);
  const problem = stat.isSymbolicLink() ? 'is a symlink'
    : !stat.isDirectory() ? 'is not a folder'
    : uid >= 0 && stat.uid !== uid ? `is owned by uid ${stat.uid}, not ${uid}`
    : (stat.mode & 0o077) !== 0 ? `is open to others (mode ${(stat.mode & 0o777).toString(8)})`
    : undefined;
  if (problem !== undefined) throw new ConfigError('storage folder', dir, `${problem}: remove it or pass --data with a folder of your own`);
  return dir;
}
