import { CHECK_EXIT, runCheck } from '@faultline/checker';
import { callerDirectory } from './caller-dir.ts';
import { writeLineSync } from './sync-stdout.ts';

// The process entry of `faultline check` on its fast path: `pnpm build` bundles this file and the
// checker into one CommonJS module, dist/check-cli.cjs (src/build/check-bundle.ts), which the bin
// runs alone for a plain check (no --report). Same behaviour as entry.ts → runCli → runCheck:
// relative paths are taken from the folder the user ran pnpm in, and the exit code is set, not
// forced, so nothing written is cut off.
process.chdir(callerDirectory(process.env, process.cwd()));
runCheck(process.argv.slice(2), writeLineSync).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // runCheck reports its own errors; this is a last guard so a crash never passes for a verdict.
    writeLineSync(`internal error (please report it; this is not a verdict): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = CHECK_EXIT.internal;
  },
);
