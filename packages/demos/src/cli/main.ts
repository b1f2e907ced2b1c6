import { FaultlineError } from '@faultline/core';
import { runCheckCommand } from './check-command.ts';
import { runDemoCommand } from './demo-command.ts';
import { runDiagramCommand } from './diagram-command.ts';
import { HELP } from './help.ts';
import { runNewCommand } from './new-command.ts';

/** Exit code for a usage error (BSD sysexits EX_USAGE). */
export const EXIT_USAGE = 64;

/** Runs the faultline command line; resolves to the process exit code. */
export async function runCli(argv: readonly string[], out: (line: string) => void): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        out(HELP);
        return command === undefined ? EXIT_USAGE : 0;
      case 'demo':
        return await runDemoCommand(rest, out);
      case 'check':
        return await runCheckCommand(rest, out);
      case 'diagram':
        return await runDiagramCommand(rest, out);
      case 'new':
        return await runNewCommand(rest, out);
      default:
        out(`faultline: unknown command '${command}'\n\n${HELP}`);
        return EXIT_USAGE;
    }
  } catch (error) {
    if (error instanceof FaultlineError) {
      out(`faultline: ${error.message}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
