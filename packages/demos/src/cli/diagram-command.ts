import { readFileSync } from 'node:fs';
import { ConfigError, requireInteger } from '@faultline/core';
import { parseTraceJsonl } from '@faultline/transport';
import { renderSequence } from '../render/sequence.ts';
import { parseArgs, rejectUnknown, stringOption } from './args.ts';

/** `faultline diagram <trace.jsonl> [--from MS] [--limit N]`: a message sequence diagram of a trace. */
export async function runDiagramCommand(argv: readonly string[], out: (line: string) => void): Promise<number> {
  const args = parseArgs(argv, ['from', 'limit']);
  rejectUnknown(args, ['from', 'limit']);
  const file = args.positionals[0];
  if (file === undefined || args.positionals.length > 1) throw new ConfigError('trace file', args.positionals.join(' '), 'must be exactly one JSONL trace (write one with faultline demo --trace FILE)');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError('trace file', file, `must be readable (${error instanceof Error ? error.message : String(error)})`);
  }
  const from = Number(stringOption(args, 'from') ?? 0);
  if (!Number.isFinite(from)) throw new ConfigError('--from', stringOption(args, 'from'), 'must be a number of ms');
  const limit = requireInteger('--limit', Number(stringOption(args, 'limit') ?? 40), 1, 100_000);
  const events = parseTraceJsonl(text).filter((e) => e.t >= from);
  const shown = events.filter((e) => e.ev !== 'send').slice(0, limit);
  const lastShown = shown[shown.length - 1];
  const window = lastShown === undefined ? [] : events.filter((e) => e.t <= lastShown.t);
  for (const line of renderSequence(window).slice(0, limit + 1)) out(line);
  const total = events.filter((e) => e.ev !== 'send').length;
  if (total > shown.length) out(`… ${total - shown.length} more (use --from and --limit)`);
  return 0;
}
