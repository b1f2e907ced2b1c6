// Keeps the API sections of docs/reference.md honest (issue 10, item 7): each table lists exactly the
// members of the interface it documents, read from the source with the TypeScript compiler, and the
// checker models exactly MODEL_NAMES.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { MODEL_NAMES } from '@faultline/checker';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const reference = readFileSync(join(repo, 'docs/reference.md'), 'utf8');

/** The first column of the first table under `## heading` (or the table after `after` in that section). */
function column(heading: string, after?: string): string[] {
  const section = reference.split(/^## /m).find((s) => s.startsWith(`${heading}\n`));
  if (section === undefined) throw new Error(`docs/reference.md has no section "## ${heading}"`);
  const from = after === undefined ? section : section.slice(section.indexOf(after));
  const lines = from.split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push((line.split(/(?<!\\)\|/)[1] ?? '').trim());
  }
  // `send(to, msg)` → send; `'driver'` etc. stay as written.
  return rows.map((cell) => cell.replace(/^`|`$/g, '').replace(/\(.*$/, ''));
}

/** Member names of an interface (and of the interfaces it extends within the same list of files). */
function members(file: string, name: string, extra: string[] = []): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(repo, file), 'utf8'), ts.ScriptTarget.ES2022, true);
  let found: string[] | undefined;
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === name) {
      found = node.members.flatMap((m) => (m.name !== undefined && ts.isIdentifier(m.name) ? [m.name.text] : []));
    }
  });
  if (found === undefined) throw new Error(`${file} declares no interface ${name}`);
  return [...found, ...extra].sort();
}

const sorted = (xs: string[]): string[] => [...xs].sort();

describe('docs/reference.md documents the API apps use', () => {
  it('lists every member of ActorContext', () => {
    expect(sorted(column('Actor context'))).toEqual(members('packages/core/src/actor/context.ts', 'ActorContext'));
  });

  it('lists every field of Incoming', () => {
    expect(sorted(column('Incoming'))).toEqual(members('packages/core/src/actor/define.ts', 'Incoming'));
  });

  it('lists every method of DurableStorage', () => {
    expect(sorted(column('Durable storage'))).toEqual(members('packages/core/src/node/storage.ts', 'DurableStorage'));
  });

  it('lists every WorkerClusterConfig option, those of ClusterConfig included', () => {
    const inherited = members('packages/runtime/src/config.ts', 'ClusterConfig');
    expect(sorted(column('Worker cluster options'))).toEqual(members('packages/runtime/src/workers/worker-config.ts', 'WorkerClusterConfig', inherited));
  });

  it('lists every retryAsk option, those of BackoffConfig included', () => {
    const backoff = members('packages/core/src/helpers/backoff.ts', 'BackoffConfig');
    expect(sorted(column('Helpers', '`retryAsk` options'))).toEqual(members('packages/core/src/helpers/retry.ts', 'RetryOptions', backoff));
  });

  it('lists every count of MessageCounts and WireStats', () => {
    expect(sorted(column('Message and wire stats'))).toEqual(members('packages/runtime/src/stats/message-stats.ts', 'MessageCounts'));
    expect(sorted(column('Message and wire stats', '`await workers.wireStats'))).toEqual(members('packages/runtime/src/host/link/mesh.ts', 'WireStats'));
  });

  it('lists exactly the checker models of MODEL_NAMES', () => {
    expect(sorted(column('Checker models'))).toEqual(sorted([...MODEL_NAMES]));
  });

  it('explains re-entrant handlers with a runnable example', () => {
    const section = reference.split(/^## /m).find((s) => s.startsWith('Re-entrant handlers\n')) ?? '';
    expect(section).toMatch(/await/);
    expect(section).toContain('// example: re-entrant-handlers');
  });
});
