import { existsSync, readFileSync, statSync } from 'node:fs';
import { ConfigError } from '@faultline/core';
import { writeReport } from '@faultline/report';
import { parseArgs, rejectUnknown } from './args.ts';

/** `faultline report <run-dir>`: (re)writes the run folder's report.html and prints its path; `faultline report CAPSULE.explore.json` writes one for a searched path. */
export async function runReportCommand(argv: readonly string[], out: (line: string) => void): Promise<number> {
  const args = parseArgs(argv, []);
  rejectUnknown(args, []);
  const dir = args.positionals[0];
  if (dir === undefined || args.positionals.length > 1) {
    throw new ConfigError('run folder', args.positionals.join(' '), 'must be exactly one folder (write one with faultline demo <name> --report) or explore capsule');
  }
  if (existsSync(dir) && statSync(dir).isFile()) {
    // An explore capsule (faultline explore writes them): replayed into a run folder beside it.
    const { looksLikeExploreCapsule, writeExploreReport } = await import('./explore-report.ts');
    if (!looksLikeExploreCapsule(readFileSync(dir, 'utf8'))) throw new ConfigError('run folder', dir, 'must be a run folder, or an explore capsule (*.explore.json)');
    out(`Report: ${await writeExploreReport(dir)}`);
    return 0;
  }
  out(`Report: ${await writeReport(dir)}`);
  return 0;
}
