import { FAULTS_SCRIPT, FAULTS_TEST, SCENARIO } from './fault-templates.ts';

/** Versions the scaffolded app pins for its tools: the ones this checkout is built and tested with. */
export interface ToolVersions {
  readonly typescript: string;
  readonly vitest: string;
  readonly tsx: string;
  readonly typesNode: string;
}

/** What the app depends on: each faultline package by its packed tarball under vendor/. */
export interface AppDependencies {
  readonly tarballs: ReadonlyMap<string, string>;
  readonly tools: ToolVersions;
}

/** The files of a new app, by path relative to its folder. */
export function appFiles(name: string, deps: AppDependencies): Map<string, string> {
  const files = new Map<string, string>();
  const dependencies = Object.fromEntries([...deps.tarballs].map(([pkg, file]) => [pkg, `file:vendor/${file}`]));
  files.set('package.json', `${JSON.stringify({
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    engines: { node: '>=20.10' },
    scripts: {
      typecheck: 'tsc --noEmit',
      test: 'vitest run --dir test',
      workers: 'tsx src/workers.ts',
      faults: 'tsx src/faults.ts',
      build: 'tsc',
      start: 'node dist/src/workers.js',
    },
    dependencies,
    // The packed faultline packages depend on each other by version, and are not on the npm registry:
    // every package manager is told to take each from its tarball (npm: overrides, yarn: resolutions,
    // pnpm: pnpm-workspace.yaml below), or pnpm fetches @faultline/checker from the registry and 404s.
    overrides: dependencies,
    resolutions: dependencies,
    devDependencies: {
      '@types/node': deps.tools.typesNode,
      tsx: deps.tools.tsx,
      typescript: deps.tools.typescript,
      vitest: deps.tools.vitest,
    },
  }, null, 2)}\n`);
  files.set('tsconfig.json', `${JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      noFallthroughCasesInSwitch: true,
      verbatimModuleSyntax: true,
      isolatedModules: true,
      skipLibCheck: true,
      types: ['node'],
      rootDir: '.',
      outDir: 'dist',
    },
    include: ['src', 'test'],
  }, null, 2)}\n`);
  files.set('pnpm-workspace.yaml', pnpmWorkspace(dependencies));
  // yarn 1 refuses an engines mismatch outright: @nats-io/nuid declares node >= 22 and runs on 20.10+.
  // yarn 1 caches file: tarballs by name and version, so a later app would get an older faultline's
  // tarballs of the same version from the global cache: each app keeps its own cache.
  files.set('.yarnrc', '# @nats-io/nuid declares node >= 22; it runs on the Node 20.10+ faultline supports (npm and pnpm only warn).\nignore-engines true\n# The faultline tarballs in vendor/ keep their version as faultline changes: never take them from the global cache.\ncache-folder ".yarn-cache"\n');
  files.set('src/actors.ts', ACTORS);
  files.set('src/workers.ts', WORKERS);
  files.set('test/counter.test.ts', TEST);
  files.set('src/scenario.ts', SCENARIO);
  files.set('src/faults.ts', FAULTS_SCRIPT);
  files.set('test/faults.test.ts', FAULTS_TEST);
  files.set('.gitignore', 'node_modules/\ndist/\nruns/\n.yarn-cache/\n');
  files.set('README.md', readme(name));
  return files;
}

/** pnpm reads overrides from its workspace file, and (as pnpm 10+) runs only approved build scripts. */
function pnpmWorkspace(dependencies: Record<string, string>): string {
  const overrides = Object.entries(dependencies).map(([pkg, spec]) => `  ${JSON.stringify(pkg)}: ${JSON.stringify(spec)}\n`).join('');
  return `# For pnpm: each faultline package from its tarball in vendor/ (they are not on the registry).\noverrides:\n${overrides}allowBuilds:\n  esbuild: true\n  msgpackr-extract: true\n`;
}

const ACTORS = `import { defineActor, Rejection, type Address } from '@faultline/core';

/** What a counter understands. */
export type CounterMessage = { readonly type: 'add'; readonly n: number } | { readonly type: 'read' };

/**
 * A counter: \`add\` answers the new total, \`read\` the current one; a negative amount is refused
 * (a Rejection: a definite failure, the counter did not change). The total is kept in
 * \`ctx.storage\`, which survives a crash of the node: a restarted counter goes on from it.
 *
 * Only actor definitions live in this module. Every worker imports it (it is listed in
 * \`WorkerClusterConfig.modules\`), so any other top-level code here would run once per node.
 * Start-up code lives in workers.ts and faults.ts, which import this module.
 */
export const Counter = defineActor<CounterMessage>({
  kind: 'app.counter',
  setup(ctx) {
    let total = ctx.storage.get<number>('total') ?? 0;
    return {
      receive(message) {
        switch (message.type) {
          case 'add':
            if (message.n < 0) throw new Rejection('negative', \`cannot add \${message.n}\`);
            total += message.n;
            ctx.storage.set('total', total);
            return total;
          case 'read':
            return total;
        }
      },
    };
  },
});

/**
 * A client on another node: it asks the counter (at the address it was spawned with) and answers
 * with that ask's outcome — ok, failed, or unknown when the network or the counter's node failed it.
 */
export const Client = defineActor<CounterMessage, Address>({
  kind: 'app.client',
  setup(ctx, counter) {
    return {
      receive(message) {
        return ctx.ask<number>(counter, message, { timeoutMs: 500 });
      },
    };
  },
});
`;

const WORKERS = `import { isNodeWorker, siblingModule, WorkerCluster } from '@faultline/runtime';
import { Counter } from './actors.js';

// One worker thread per node. Workers import the modules listed in \`modules\` to find actor
// definitions by kind: list actors.ts (siblingModule names actors.js once compiled), never this file.
const seed = Number(process.env['SEED'] ?? 1);

async function main(): Promise<void> {
  console.log(\`seed \${seed} (SEED=\${seed} npm run workers repeats its random choices)\`);
  const cluster = await WorkerCluster.start({ seed, nodes: 3, modules: [siblingModule(import.meta.url, './actors.ts')] });
  try {
    for (const node of cluster.nodes) {
      const counter = await cluster.spawn(node, 'counter', Counter, undefined);
      await cluster.ask(counter, { type: 'add', n: 2 });
      const total = await cluster.ask<number>(counter, { type: 'add', n: 3 });
      console.log(\`\${node}: \${total.status === 'ok' ? \`total \${total.value}\` : \`\${total.status}\`}\`);
    }
  } finally {
    await cluster.shutdown();
  }
}

// A script that starts a cluster must never do so inside a node's worker (faultline refuses with
// ClusterInNodeError): the guard keeps this file safe even if someone lists it in \`modules\`.
if (!isNodeWorker()) await main();
`;

const TEST = `import { describe, expect, it } from 'vitest';
import { Simulation } from '@faultline/runtime';
import { Counter } from '../src/actors.js';

// The simulator runs every node in one thread, in virtual time: a seed replays a run exactly.
describe('the counter, in the simulator', () => {
  it('adds, reads, and refuses a negative amount without changing', async () => {
    const sim = new Simulation({ seed: 42, nodes: 3 });
    try {
      const counter = await sim.spawn('n2', 'counter', Counter, undefined);
      expect(await sim.ask(counter, { type: 'add', n: 2 })).toEqual({ status: 'ok', value: 2 });
      expect(await sim.ask(counter, { type: 'add', n: -1 })).toMatchObject({ status: 'failed', code: 'negative' });
      expect(await sim.ask(counter, { type: 'read' })).toEqual({ status: 'ok', value: 2 });
    } finally {
      await sim.shutdown();
    }
  });

  it('fails at once when its node is known down: the add was not sent', async () => {
    const sim = new Simulation({ seed: 42, nodes: 3 });
    try {
      const counter = await sim.spawn('n3', 'counter', Counter, undefined);
      await sim.crash('n3');
      expect(await sim.ask(counter, { type: 'add', n: 1 }, { timeoutMs: 100 })).toMatchObject({ status: 'failed', code: 'node-down' });
    } finally {
      await sim.shutdown();
    }
  });
});
`;

function readme(name: string): string {
  return `# ${name}

An app on faultline: actors that run in a deterministic simulator and on
worker threads. Made by \`faultline new\`; the faultline packages are the tarballs in vendor/.

| command | what it does |
| --- | --- |
| \`npm install\` | installs faultline (from vendor/) and the tools |
| \`npm test\` | the simulator tests in test/ (vitest) |
| \`npm run typecheck\` | strict TypeScript (NodeNext, exactOptionalPropertyTypes); \`npm run build\` also compiles to dist/ |
| \`npm run workers\` | src/workers.ts on 3 worker threads, with tsx |
| \`npm run faults\` | the counter under faults (src/scenario.ts): a fault network, a nemesis, a checked history and a report in runs/; \`-- --workers\` runs the same scenario on worker threads; \`SEED=7\` picks the seed |
| \`npm run build && npm start\` | the same from compiled JavaScript (no tsx) |

Actor definitions live in src/actors.ts and nothing else runs there: every worker imports that
module to find them. Start-up code lives in src/workers.ts and src/faults.ts.

## Under faults, with a report

\`src/scenario.ts\` is written against \`Cluster\` only, so the simulator and worker threads run it
unchanged: a cluster started with \`faults: networkPresets.lan\` has a fault network
(\`cluster.faults\`: rules, partitions), a nemesis target (\`cluster.faultTarget()\`) and the
network's counters gathered from every node (\`cluster.networkCounters()\`). Clients record each
operation with a \`Recorder\` (\`@faultline/history\`): an unknown outcome is recorded as \`info\`,
since the add may still happen. \`checkHistory(counterModel, events)\` (\`@faultline/checker\`) gives
the verdict, with an explanation when it fails.

The report: a \`RunRecorder\` (\`@faultline/report\`) collects the history and its check, the
nemesis steps and the counters (in the simulator also every message, through \`onTrace\`), and
\`writeReport(dir)\` writes \`report.html\` beside them: one self-contained page. **One clock**: every
time in a run folder is the cluster's true time, \`cluster.now()\` — give the recorder and the
nemesis steps that clock, never a node's \`ctx.now()\`, which may be skewed.

Try this: add \`'link'\` to the nemesis families in scenario.ts. Duplicated messages add twice,
and the checker shows a read above every acknowledged add. Make \`add\` idempotent (an id per
add, remembered in storage) until \`npm test\` passes again.
`;
}
