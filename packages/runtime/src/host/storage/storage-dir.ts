import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { privateStorageRoot } from './private-dir.ts';

const PREFIX = 'faultline-storage-';

/**
 * The folder holding a worker cluster's node disks, in this user's private folder under the temp directory (`storage/private-dir.ts`), named for the process
 * that made it (`faultline-storage-<pid>-XXXXXX`). It is removed at `shutdown`, at process exit if the
 * driver dies first (uncaught error, `process.exit`), and — for a driver killed outright — by the next
 * cluster started on this machine, which sweeps folders whose process is gone.
 */
export class StorageDir {
  readonly path: string;
  private readonly onExit = (): void => this.remove();

  constructor() {
    const root = privateStorageRoot();
    sweepOrphans(root);
    this.path = mkdtempSync(join(root, `${PREFIX}${process.pid}-`));
    process.on('exit', this.onExit);
  }

  /** Removes the folder (idempotent). */
  remove(): void {
    process.off('exit', this.onExit);
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** Removes storage folders left by processes that no longer run. */
function sweepOrphans(root: string): void {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^faultline-storage-(\d+)-/.exec(name)?.[1]);
    if (!Number.isSafeInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    rmSync(join(root, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
