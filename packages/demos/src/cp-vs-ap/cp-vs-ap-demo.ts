import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clearRunFolder } from '@faultline/report';
import { runExperimentOn } from '@faultline/registers';
import { RaftKv, raftTimelines } from '@faultline/raft';
import { recordRuns } from './record-runs.ts';
import type { Demo } from '../demo.ts';
import { narrateRun } from './narrate.ts';
import { cpVsApInfo } from './cp-vs-ap-info.ts';
import { sides, STORY, storyConfig, type StoryKnobs, type StoryShape } from './story.ts';

/** Where worker nodes find the actors this demo runs: the registers and SWIM membership. */
const ACTOR_MODULES = [import.meta.resolve('@faultline/registers/actors'), import.meta.resolve('@faultline/membership'), import.meta.resolve('@faultline/raft')];

/** `faultline demo cp-vs-ap`: the CAP trade-off, made visible and checked, in one run. */
export const cpVsApDemo: Demo = {
  ...cpVsApInfo,
  actorModules: ACTOR_MODULES,
  async run(context) {
    const { cluster, out } = context;
    const nodes = [...cluster.nodes];
    if (nodes.length < 3) throw new Error('cp-vs-ap needs at least 3 nodes');
    const { majority, minority } = sides(nodes);
    const knobs: StoryKnobs = { shape: (context.options.get('shape') ?? 'split') as StoryShape, loss: Number(context.options.get('loss') ?? 0) };
    out(`${nodes.length} replicas hold three registers x, y, z. ${nodes.length * 2} clients, two per node, read and write them`);
    const cut = knobs.shape === 'split' ? `splits {${majority.join(',')}} | {${minority.join(',')}}` : `is cut by shape ${knobs.shape} (sides drawn from the seed)`;
    out(`for ${STORY.workloadMs / 1000} s. At ${STORY.partitionAt / 1000} s the network ${cut}; at ${STORY.healAt / 1000} s it heals.`);
    if (knobs.loss > 0) out(`Throughout, ${+(knobs.loss * 100).toFixed(1)} % of frames between replicas are lost.`);
    out('The same story runs three times on this cluster: with a CP register, an AP register, and the Raft KV.\n');
    const cp = await runExperimentOn(context, storyConfig(cluster.seed, nodes, { kind: 'cp' }, 'cp-register', knobs));
    narrateRun('CP register: ABD, every read and write needs a majority', cp, nodes, out);
    out('  On the minority side the first requests wait out a quorum round (300 ms) and fail; once SWIM');
    out('  membership there sees the majority unreachable, every request fails at once. Never a wrong answer.\n');
    const ap = await runExperimentOn(context, storyConfig(cluster.seed, nodes, { kind: 'ap', props: { policy: 'lww-hlc' } }, 'ap-register', knobs));
    narrateRun('AP register: any replica answers; last writer wins by hybrid logical clock', ap, nodes, out);
    const raft = await runExperimentOn(context, storyConfig(cluster.seed, nodes, { kind: 'actor', actor: RaftKv, props: { forwardToLeader: true } }, 'raft-kv', knobs));
    narrateRun('Raft KV: one leader and a log; ReadIndex reads; a follower passes requests to the leader', raft, nodes, out);
    out('  CP like ABD, with a leader: the first requests fail until the first election (150–300 ms); during the');
    out('  split the majority side keeps or elects a leader and goes on, the minority side cannot, so its requests');
    out('  fail (no leader known) or time out (passed to a leader it can no longer reach). Never a wrong answer.\n');
    out('What it shows: during a partition a register can refuse (CP: consistent, unavailable on the');
    out('minority side) or answer (AP: available everywhere, not linearizable, converging only after heal).');
    const dir = context.record?.dir ?? join(context.outDir, `cp-vs-ap-${cluster.runtime}-${cluster.seed}`);
    if (context.record) {
      recordRuns(context.record, cp, ap, raft);
      context.record.raftEvents(await raftTimelines(cluster, 'raft-kv'));
    }
    else {
      // No report: what an earlier run left here (its report, trace, checks) goes, so nothing stale sits beside these histories.
      clearRunFolder(dir);
      mkdirSync(dir, { recursive: true });
      for (const [name, r] of [['cp', cp], ['ap', ap], ['raft', raft]] as const) {
        writeFileSync(join(dir, `${name}.jsonl`), r.history.map((e) => JSON.stringify(e)).join('\n') + '\n');
      }
    }
    out(`\nHistories saved: ${dir}/cp.jsonl, ${dir}/ap.jsonl and ${dir}/raft.jsonl`);
    out(`Check one yourself: pnpm faultline check ${dir}/ap.jsonl --model register`);
    const expected = cp.linearizability.verdict === 'linearizable' && raft.linearizability.verdict === 'linearizable' && ap.convergence?.converged === true;
    return expected ? 0 : 1;
  },
};
