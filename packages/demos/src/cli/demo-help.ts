import type { DemoInfo } from '../demo.ts';

/** The runtimes a demo can be run on. */
const ALL_RUNTIMES = ['sim', 'workers', 'nats'] as const;

/** What `faultline demo NAME --help` prints: the demo's story, nodes, runtimes, report, its own options (with their choices) and the common ones. */
export function demoHelp(demo: DemoInfo): string[] {
  const runtimes = demo.runtimes ?? ALL_RUNTIMES;
  const report = demo.noReport !== undefined ? `refused (${demo.noReport})`
    : demo.reportByDefault ? 'written by default (--no-report: none)' : 'with --report';
  const lines = [
    `faultline demo ${demo.name} — ${demo.summary}`,
    '',
    demo.ownSimulations !== undefined ? `  nodes:    none of yours: it runs ${demo.ownSimulations} (--nodes is refused)` : `  nodes:    ${demo.defaultNodes} by default (--nodes N, at least ${demo.minNodes})`,
    `  runtimes: ${runtimes.join(', ')} (--runtime NAME; default sim)`,
    `  report:   ${report}`,
  ];
  const own = demo.options ?? [];
  lines.push('', own.length === 0 ? '  options of its own: none' : '  options of its own:');
  for (const o of own) {
    lines.push(`    --${o.name} ${o.value}`.padEnd(24) + o.help);
    if (o.choices) lines.push(`${''.padEnd(24)}one of: ${o.choices.join(', ')}`);
  }
  lines.push('', '  common options:',
    '    --seed N'.padEnd(24) + 'the run\'s seed (default: drawn and printed; the same seed replays the run)',
    '    --out DIR'.padEnd(24) + 'where run folders and histories go (default runs/)',
    ...(runtimes.includes('sim') ? ['    --trace FILE'.padEnd(24) + 'write every message event as JSONL (sim only)'] : []),
    ...(demo.noReport === undefined ? ['    --report, --no-report'.padEnd(24) + 'write a run folder with report.html, or not'] : []),
    ...(runtimes.includes('nats') ? ['    --nats URL --cluster NAME --attach'.padEnd(24) + ' nodes over NATS (chapter 15)'] : []));
  return lines;
}
