import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The folder relative paths on the command line are meant from. `pnpm faultline check h.jsonl`
 * runs the script in the workspace root, but the user typed the path in the folder they were in:
 * pnpm and npm pass that as `INIT_CWD`. It is used when the command runs from a package script
 * (`npm_lifecycle_event` set) whose working folder is still the package root (a `package.json`
 * there: the script did not `cd` elsewhere on purpose), and when it is an existing folder.
 */
export function callerDirectory(env: NodeJS.ProcessEnv, cwd: string): string {
  const init = env['INIT_CWD'];
  if (init === undefined || init === '' || init === cwd) return cwd;
  if (env['npm_lifecycle_event'] === undefined || !existsSync(join(cwd, 'package.json'))) return cwd;
  try {
    return statSync(init).isDirectory() ? init : cwd;
  } catch {
    return cwd;
  }
}
