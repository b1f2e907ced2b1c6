import { address, type Address } from '@faultline/core';
import { siblingModule } from '@faultline/runtime';
import type { Demo } from '../demo.ts';
import { echoInfo } from './echo-info.ts';
import type { EchoRecord } from './echo-actors.ts';
import { EchoCaller, EchoServer } from './echo-actors.ts';

const ACTORS_MODULE = siblingModule(import.meta.url, './echo-actors.ts');

/** `faultline demo echo`: every node runs an echo server and a caller that asks random servers. */
export const echoDemo: Demo = {
  ...echoInfo,
  actorModules: [ACTORS_MODULE],
  async run({ cluster, out }) {
    const servers: Address[] = [];
    for (const node of cluster.nodes) {
      servers.push(await cluster.spawn(node, 'echo', EchoServer, undefined));
      await cluster.spawn(node, 'caller', EchoCaller, undefined);
    }
    out(`Each of the ${cluster.nodes.length} nodes runs an echo server and a caller. Every caller asks`);
    out('4 random servers in turn. A reply means ok; none within 200 ms would mean unknown.\n');
    const reports = await Promise.all(cluster.nodes.map((node) =>
      cluster.ask<EchoRecord[]>(address(node, 'caller'), { servers, count: 4, timeoutMs: 200 }, { timeoutMs: 5_000 })));
    const records: EchoRecord[] = [];
    for (const report of reports) if (report.status === 'ok') records.push(...report.value);
    records.sort((a, b) => a.sentAt - b.sentAt || a.from.localeCompare(b.from));
    const timeOf = (ms: number) => (cluster.runtime === 'sim' ? `${ms.toFixed(3).padStart(8)} ms` : `${ms.toFixed(1).padStart(7)} ms`);
    for (const r of records) out(`${timeOf(r.sentAt)}  ${r.from} -> ${r.to}  "${r.text}"  ${r.status} after ${r.tookMs.toFixed(3)} ms`);
    const count = (s: string) => records.filter((r) => r.status === s).length;
    out(`\n${records.length} asks: ${count('ok')} ok, ${count('failed')} failed, ${count('unknown')} unknown.`);
    if (cluster.runtime === 'sim') out('Times are virtual: the same seed prints exactly this again.');
    else out('Times are real: they differ on every run, even with the same seed.');
    return reports.every((r) => r.status === 'ok') ? 0 : 1;
  },
};
