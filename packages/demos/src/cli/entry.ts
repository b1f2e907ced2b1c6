import { callerDirectory } from './caller-dir.ts';
import { runCli } from './main.ts';

// The process entry of the faultline command: run, print, set the exit code.
// Relative paths (histories, traces, --out) are taken from the folder the user ran pnpm in.
process.chdir(callerDirectory(process.env, process.cwd()));
process.exitCode = await runCli(process.argv.slice(2), (line) => console.log(line));
