import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@faultline/core';
import { CHECK_EXIT } from '@faultline/checker';
import { FAULT_FAMILIES, LINK_FAULT_KINDS, NEMESIS_ACTION_KINDS, PARTITION_SHAPES, fault } from '@faultline/transport';
import { FRAME_REJECT_REASONS } from '@faultline/transport';
import { RUN_FILES } from '@faultline/report';
import { runCli } from '../src/cli/main.ts';
import { DEMOS } from '../src/registry.ts';
import { listExamples } from '../src/cli/examples.ts';
import { EXERCISES } from '../src/exercises/registry.ts';

/**
 * Keeps docs/ honest (STYLE.md habit 10): the reference tables match the code's registries, every
 * relative link resolves, every `// example:` block runs and type-checks, and every demo output
 * quoted after an `<!-- output: … -->` marker is what the demo prints today.
 */

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const docsDir = join(repo, 'docs');
const docFiles = readdirSync(docsDir).filter((f) => f.endsWith('.md')).sort();
const read = (file: string): string => readFileSync(join(docsDir, file), 'utf8');

// ---- markdown helpers ----

interface Fence {
  readonly doc: string;
  /** 1-based line of the fence's first content line in the doc. */
  readonly line: number;
  readonly lang: string;
  readonly lines: readonly string[];
  /** The nearest non-blank line before the opening fence. */
  readonly before: string;
}

function fencesIn(doc: string): Fence[] {
  const lines = read(doc).split('\n');
  const out: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i] as string);
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end] as string)) end++;
    let b = i - 1;
    while (b >= 0 && (lines[b] as string).trim() === '') b--;
    out.push({ doc, line: start + 1, lang: open[1] ?? '', lines: lines.slice(start, end), before: b >= 0 ? (lines[b] as string) : '' });
    i = end;
  }
  return out;
}

/** The doc's text outside fenced code blocks. */
function prose(doc: string): string {
  return read(doc).replace(/^```[^\n]*\n[\s\S]*?^```\s*$/gm, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  return new Set([...markdown.replace(/^```[^\n]*\n[\s\S]*?^```\s*$/gm, '').matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1] as string)));
}

/** The rows of the first table under `## heading` in reference.md, as trimmed cells. */
function tableUnder(heading: string): string[][] {
  const sections = read('reference.md').split(/^## /m);
  const section = sections.find((s) => s.startsWith(`${heading}\n`));
  if (!section) throw new Error(`docs/reference.md has no section "## ${heading}"`);
  const rows = section.split('\n').filter((l) => l.startsWith('|'));
  return rows.slice(2).map((row) =>
    row.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim().replace(/\\\|/g, '|')));
}

const unquote = (cell: string): string => cell.replace(/^`|`$/g, '');
const firstColumn = (heading: string): string[] => tableUnder(heading).map((row) => unquote(row[0] ?? ''));
const sorted = (items: Iterable<string>): string[] => [...items].sort();

// ---- (1) reference tables against the registries ----

describe('docs/reference.md lists exactly what the code registers', () => {
  it('has one row per error code in ERROR_CODES, with its definiteness, outcome and meaning', () => {
    const rows = tableUnder('Error codes');
    expect(sorted(rows.map((r) => unquote(r[0] ?? '')))).toEqual(sorted(ERROR_CODES.map((e) => e.code)));
    for (const e of ERROR_CODES) {
      const row = rows.find((r) => unquote(r[0] ?? '') === e.code);
      expect(row, e.code).toEqual([`\`${e.code}\``, e.definite ? 'yes' : 'no', e.definite ? '`failed`' : '`unknown`', e.meaning]);
    }
  });

  it('has one row per link fault kind in LINK_FAULT_KINDS, each naming its `fault` builder', () => {
    expect(sorted(Object.keys(fault))).toEqual(sorted(LINK_FAULT_KINDS));
    const rows = tableUnder('Link fault kinds');
    expect(sorted(rows.map((r) => unquote(r[0] ?? '')))).toEqual(sorted(LINK_FAULT_KINDS));
    for (const row of rows) expect(row[1], row[0]).toContain(`fault.${unquote(row[0] ?? '')}(`);
  });

  it('has one row per nemesis action kind in NEMESIS_ACTION_KINDS', () => {
    expect(sorted(firstColumn('Nemesis action kinds'))).toEqual(sorted(NEMESIS_ACTION_KINDS));
  });

  it('has one row per fault family in FAULT_FAMILIES', () => {
    expect(sorted(firstColumn('Fault families'))).toEqual(sorted(FAULT_FAMILIES));
  });

  it('has one row per frame auth reject reason in FRAME_REJECT_REASONS', () => {
    expect(sorted(firstColumn('Frame auth reject reasons'))).toEqual(sorted(FRAME_REJECT_REASONS));
  });

  it('lists the run folder files exactly as RUN_FILES describes them', () => {
    expect(tableUnder('Run folder files').map((r) => [unquote(r[0] ?? ''), r[1]])).toEqual(RUN_FILES.map((f) => [f.file, f.holds]));
  });

  it('has one row per partition shape in PARTITION_SHAPES', () => {
    expect(sorted(firstColumn('Partition shapes'))).toEqual(sorted(PARTITION_SHAPES));
  });

  it('gives the exit codes of `faultline check` exactly as CHECK_EXIT defines them', () => {
    const table = Object.fromEntries(tableUnder('`faultline check` exit codes').map((r) => [unquote(r[1] ?? ''), Number(r[0])]));
    expect(table).toEqual({ ...CHECK_EXIT });
  });

  it('lists every demo of the registry with its summary, and no other', () => {
    const rows = tableUnder('Demos').map((r) => ({ name: unquote(r[0] ?? ''), summary: r[1] }));
    expect(rows).toEqual(DEMOS.map((d) => ({ name: d.name, summary: d.summary })));
  });
});

// ---- (2) links ----

describe('links in docs/*.md', () => {
  it('point to files that exist, and to headings that exist', () => {
    const broken: string[] = [];
    for (const doc of docFiles) {
      const text = prose(doc).replace(/`[^`\n]*`/g, 'code');
      for (const match of text.matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        const target = match[1] as string;
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
        const [path = '', anchor] = target.split('#');
        const file = path === '' ? join(docsDir, doc) : resolve(docsDir, path);
        if (!existsSync(file)) {
          broken.push(`docs/${doc}: ${target} (no file ${relative(repo, file)})`);
        } else if (anchor !== undefined && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(anchor)) {
          broken.push(`docs/${doc}: ${target} (no heading #${anchor})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('lists every chapter in the table of contents', () => {
    const toc = read('README.md');
    for (const doc of docFiles.filter((f) => f !== 'README.md')) expect(toc, doc).toContain(`](${doc})`);
  });
});

// ---- (3) runnable examples ----

interface Example {
  readonly name: string;
  readonly doc: string;
  readonly line: number;
  readonly code: string;
}

const examples: Example[] = docFiles.flatMap((doc) =>
  fencesIn(doc).flatMap((fence): Example[] => {
    const tag = /^\/\/ example: ([a-z0-9-]+)\s*$/.exec(fence.lines[0] ?? '');
    if (!tag || !['ts', 'typescript'].includes(fence.lang)) return [];
    return [{ name: tag[1] as string, doc, line: fence.line, code: `${fence.lines.join('\n')}\n` }];
  }));

/**
 * Each example is also a file a student runs with `pnpm example NAME` (issue 22, item 5): the
 * file must be byte for byte the chapter's block, so the two cannot drift. The test runs the file.
 */
const examplesDir = join(here, '../examples');
const fileOf = (example: Example): string => join(examplesDir, `${example.name}.ts`);

describe('the examples in the chapters', () => {
  it('are at least the four the docs promise, with unique names', () => {
    const names = examples.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['actors-and-asks', 'faults-and-partitions', 'skewed-last-writer-wins', 'cp-versus-ap']));
  });

  it('each have a file in packages/demos/examples/ that is the block byte for byte, and no file is left over', () => {
    const drifted = examples.filter((e) => !existsSync(fileOf(e)) || readFileSync(fileOf(e), 'utf8') !== e.code)
      .map((e) => `docs/${e.doc}:${e.line}: packages/demos/examples/${e.name}.ts ${existsSync(fileOf(e)) ? 'differs from the block' : 'is missing'}`);
    expect(drifted).toEqual([]);
    const files = readdirSync(examplesDir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
    expect(sorted(files)).toEqual(sorted(examples.map((e) => e.name)));
  });

  it('are listed by the example runner, each with its chapter', () => {
    const listed = listExamples();
    expect(sorted(listed.map((e) => e.name))).toEqual(sorted(examples.map((e) => e.name)));
    for (const e of examples) expect(listed.find((l) => l.name === e.name)?.chapter, e.name).toBe(e.doc);
  });

  it('each tell the reader how to run them, right after the block', () => {
    const untold = examples.filter((e) => {
      const after = read(e.doc).split('\n').slice(e.line - 1 + e.code.split('\n').length).join('\n');
      return !after.trimStart().startsWith(`Run it: \`pnpm example ${e.name}\``);
    }).map((e) => `docs/${e.doc}:${e.line}: no "Run it: \`pnpm example ${e.name}\`" after the block`);
    expect(untold).toEqual([]);
  });

  it.each(examples.map((e) => [e.name, e] as const))('runs "%s"', async (_name, example) => {
    const module = (await import(pathToFileURL(fileOf(example)).href)) as { default?: unknown };
    expect(typeof module.default, `${example.doc}:${example.line}: an example must export a default function that runs it`).toBe('function');
    await (module.default as () => Promise<void>)();
  }, 60_000);

  it("type-check under the repository's strict settings", () => {
    const configFile = join(repo, 'tsconfig.base.json');
    const config = ts.readConfigFile(configFile, ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, repo, undefined, configFile);
    const files = examples.map(fileOf);
    const program = ts.createProgram(files, { ...options, noEmit: true });
    const problems: string[] = [];
    for (const example of examples) {
      const source = program.getSourceFile(fileOf(example));
      if (!source) throw new Error(`the compiler did not load ${fileOf(example)}`);
      for (const d of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
        const { line } = source.getLineAndCharacterOfPosition(d.start ?? 0);
        problems.push(`docs/${example.doc}:${example.line + line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);
});

// ---- exercises (issue 22, item 6) ----

const chapters = docFiles.filter((f) => /^\d\d-/.test(f));

/** The text of a chapter's `## Exercises` section (to the next `## ` heading or the end). */
function exercisesOf(doc: string): string {
  const text = read(doc);
  const start = text.search(/^## Exercises$/m);
  if (start < 0) return '';
  const rest = text.slice(start + 1);
  const next = rest.search(/^## /m);
  return next < 0 ? rest : rest.slice(0, next);
}

describe('the exercises at the end of every chapter', () => {
  it('are in every chapter: predict-then-run questions and at least one hands-on task', () => {
    const lacking = chapters.filter((doc) => {
      const section = exercisesOf(doc);
      return !/^\d+\. /m.test(section) || !/Hands-on/.test(section) || !/`(pnpm|npx) [^`]+`/.test(section);
    });
    expect(lacking).toEqual([]);
  });

  it('name every checked exercise in the chapter that poses it, and only exercises that exist', () => {
    for (const e of EXERCISES) expect(exercisesOf(e.chapter), `${e.chapter} should pose ${e.name}`).toContain(`pnpm faultline exercise ${e.name} --check`);
    const named = chapters.flatMap((doc) => [...read(doc).matchAll(/faultline exercise ([a-z][a-z0-9-]*)/g)].map((m) => `${doc}: ${m[1]}`));
    const known = new Set(EXERCISES.map((e) => e.name));
    expect(named.filter((n) => !known.has(n.split(': ')[1] as string))).toEqual([]);
  });

  it('run only demos, options and examples that exist', () => {
    const demos = new Map(DEMOS.map((d) => [d.name, new Set((d.options ?? []).map((o) => o.name))]));
    const exampleNames = new Set(examples.map((e) => e.name));
    const problems: string[] = [];
    for (const doc of chapters) {
      const section = exercisesOf(doc).replace(/\n\s+/g, ' ');
      for (const m of section.matchAll(/pnpm faultline demo ([a-z-]+)([^`]*)`/g)) {
        const options = demos.get(m[1] as string);
        if (options === undefined) { problems.push(`${doc}: no demo ${m[1]}`); continue; }
        for (const o of (m[2] as string).matchAll(/--([a-z-]+)/g)) {
          if (!options.has(o[1] as string) && !['seed', 'runtime', 'nodes', 'out', 'trace', 'report', 'no-report', 'help'].includes(o[1] as string)) problems.push(`${doc}: demo ${m[1]} has no option --${o[1]}`);
        }
      }
      for (const m of section.matchAll(/pnpm example ([a-z0-9-]+)`/g)) if (!exampleNames.has(m[1] as string)) problems.push(`${doc}: no example ${m[1]}`);
    }
    expect(problems).toEqual([]);
  });
});

// ---- quoted demo output ----

interface Quote {
  readonly doc: string;
  readonly line: number;
  readonly argv: readonly string[];
  readonly lines: readonly string[];
}

const quotes: Quote[] = docFiles.flatMap((doc) =>
  fencesIn(doc).flatMap((fence): Quote[] => {
    const marker = /^<!-- output: faultline (.+?) -->$/.exec(fence.before.trim());
    return marker ? [{ doc, line: fence.line, argv: (marker[1] as string).split(/\s+/), lines: fence.lines }] : [];
  }));

describe('demo output quoted in the docs', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'faultline-docs-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));
  const runs = new Map<string, Promise<string[]>>();
  // A demo that writes its report by default does so after it printed everything a quote can show
  // (the report's own line names the temp folder); drawing it took most of such a run (cp-vs-ap: ~4x).
  const noReport = (argv: readonly string[]): readonly string[] =>
    argv[0] === 'demo' && DEMOS.find((d) => d.name === argv[1])?.reportByDefault === true && !argv.includes('--report') ? ['--no-report'] : [];
  const outputOf = (argv: readonly string[]): Promise<string[]> => {
    const key = argv.join(' ');
    let run = runs.get(key);
    if (!run) {
      const printed: string[] = [];
      run = runCli([...argv, '--out', outDir, ...noReport(argv)], (line) => printed.push(line)).then(() => printed.join('\n').split('\n').map((l) => l.trimEnd()));
      runs.set(key, run);
    }
    return run;
  };

  it.each(quotes.map((q) => [`${q.doc}:${q.line}`, q] as const))('matches what the demo prints (%s)', async (_where, quote) => {
    const printed = await outputOf(quote.argv);
    let from = 0;
    for (const [i, raw] of quote.lines.entries()) {
      const line = raw.trimEnd();
      if (line === '') continue;
      const at = printed.indexOf(line, from);
      expect(at, `docs/${quote.doc}:${quote.line + i} is not printed (in this order) by faultline ${quote.argv.join(' ')}:\n${line}`).toBeGreaterThanOrEqual(0);
      from = at + 1;
    }
  }, 60_000);
});
