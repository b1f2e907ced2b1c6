import { ConfigError } from '@faultline/core';
import { writeReport } from '@faultline/report';
import { parseArgs, rejectUnknown } from './args.ts';

/** `faultline report <run-dir>`: (re)writes the run folder's report.html and prints its path. */
export async function runReportCommand(argv: readonly string[], out: (line: string) => void): Promise<number> {
  const args = parseArgs(argv, []);
  rejectUnknown(args, []);
  const dir = args.positionals[0];
  if (dir === undefined || args.positionals.length > 1) {
    throw new ConfigError('run folder', args.positionals.join(' '), 'must be exactly one folder (write one with faultline demo <name> --report)');
  }
  out(`Report: ${await writeReport(dir)}`);
  return 0;
}
