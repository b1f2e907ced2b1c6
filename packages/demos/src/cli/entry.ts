import { runCli } from './main.ts';

// The process entry of the faultline command: run, print, set the exit code.
process.exitCode = await runCli(process.argv.slice(2), (line) => console.log(line));
