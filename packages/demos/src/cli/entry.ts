import { callerDirectory } from './caller-dir.ts';
import { EXIT_INTERNAL, internalErrorLine, runCli } from './main.ts';

// The process entry of the faultline command: run, print, set the exit code.
// Relative paths (histories, traces, --out) are taken from the folder the user ran pnpm in.
// An error thrown in a timer or a forgotten promise would end the process with code 1, which
// means "invalid": report it as an internal error (70) instead, never as a verdict.
const crashed = (error: unknown) => {
  console.log(internalErrorLine(error));
  process.exit(EXIT_INTERNAL);
};
process.on('uncaughtException', crashed);
process.on('unhandledRejection', crashed);
process.chdir(callerDirectory(process.env, process.cwd()));
process.exitCode = await runCli(process.argv.slice(2), (line) => console.log(line));
