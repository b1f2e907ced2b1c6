// Each command's module is imported when that command runs, so `faultline check` loads the
// checker and nothing else (start-up: issue 15). The help text lists the demos from their catalog
// (no demo implementation), and is loaded only when it is printed (issue 27 item 5).

/** The usage text, loaded on demand. */
async function helpText(): Promise<string> {
  return (await import('./help.ts')).HELP;
}

/** Exit code for a usage error (BSD sysexits EX_USAGE). */
export const EXIT_USAGE = 64;

/** Exit code for a fault of faultline itself, never a verdict (BSD sysexits EX_SOFTWARE). */
export const EXIT_INTERNAL = 70;

/** The line printed for an internal error: says plainly that it is not a verdict. */
export function internalErrorLine(error: unknown): string {
  return `faultline: internal error (please report it; this is not a verdict): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

/** Runs the faultline command line; resolves to the process exit code. */
export async function runCli(argv: readonly string[], out: (line: string) => void): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== undefined && command !== 'demo' && command !== 'check' && (rest.includes('--help') || rest.includes('-h'))) {
    const usage = (await import('./command-usage.ts')).commandUsage(command);
    if (usage !== undefined) {
      out(usage);
      return 0;
    }
  }
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        out(await helpText());
        return command === undefined ? EXIT_USAGE : 0;
      case 'demo':
        return await (await import('./demo-command.ts')).runDemoCommand(rest, out);
      case 'check':
        return await (await import('./check-command.ts')).runCheckCommand(rest, out);
      case 'diagram':
        return await (await import('./diagram-command.ts')).runDiagramCommand(rest, out);
      case 'report':
        return await (await import('./report-command.ts')).runReportCommand(rest, out);
      case 'node':
        return await (await import('./node-command.ts')).runNodeCommand(rest, out);
      case 'new':
        return await (await import('./new-command.ts')).runNewCommand(rest, out);
      case 'test':
        return await (await import('./test-command.ts')).runTestCommand(rest, out);
      case 'explore':
        return await (await import('./explore-command.ts')).runExploreCommand(rest, out);
      case 'replay':
        return await (await import('./replay-command.ts')).runReplayCommand(rest, out);
      case 'exercise':
        return await (await import('./exercise-command.ts')).runExerciseCommand(rest, out);
      case 'maelstrom':
        return await (await import('./maelstrom-command.ts')).runMaelstromCommand(rest, out);
      default:
        out(`faultline: unknown command '${command}'\n\n${await helpText()}`);
        return EXIT_USAGE;
    }
  } catch (error) {
    const { FaultlineError } = await import('@faultline/core/errors');
    if (error instanceof FaultlineError) {
      out(`faultline: ${error.message}`);
      return EXIT_USAGE;
    }
    // Exit 1 means "invalid" to callers of check and maelstrom test: a crash must never pass for it.
    out(internalErrorLine(error));
    return EXIT_INTERNAL;
  }
}
