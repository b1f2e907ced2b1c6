import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/**
 * Why `bin` cannot be run, or undefined when it can: a path (with a `/`) must be an executable
 * file; a bare name must be one on `PATH`. Checked before any node starts, so a typo is a usage
 * error at once rather than a test of programs that never answer (issue 19 item 6).
 */
export function whyNotExecutable(bin: string, path = process.env['PATH'] ?? ''): string | undefined {
  if (bin.includes('/') || isAbsolute(bin)) return fileProblem(resolve(bin));
  for (const dir of path.split(delimiter).filter((d) => d !== '')) {
    if (fileProblem(join(dir, bin)) === undefined) return undefined;
  }
  return `no executable named ${bin} on PATH (give a path such as ./${bin} for a file in this folder)`;
}

function fileProblem(file: string): string | undefined {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return `${file} does not exist`;
  }
  if (!stat.isFile()) return `${file} is not a file`;
  try {
    accessSync(file, constants.X_OK);
  } catch {
    return `${file} is not executable (chmod +x ${file}, or run it through its interpreter: --bin python3 ${file})`;
  }
  return undefined;
}
