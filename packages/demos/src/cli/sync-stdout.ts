import { writeSync } from 'node:fs';

/**
 * Writes a line to standard output synchronously, on the file descriptor, without creating
 * `process.stdout` (whose stream classes cost a check's start-up a few milliseconds). Retries a
 * full non-blocking pipe (EAGAIN) and stops quietly when the reader is gone (EPIPE) or there is
 * no standard output (EBADF), as `console.log` does.
 */
export function writeLineSync(line: string): void {
  let bytes = Buffer.from(`${line}\n`, 'utf8');
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(writeSync(1, bytes));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EPIPE' || code === 'EBADF') return;
      throw e;
    }
  }
}
