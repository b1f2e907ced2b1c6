import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The chapter examples as files a student runs with `pnpm example NAME` (issue 22, item 5). Each
// file in packages/demos/examples/ is byte for byte the chapter's `// example: NAME` block; the
// docs test keeps the two equal, so a chapter and its runnable file cannot drift apart.

const here = dirname(fileURLToPath(import.meta.url));

/** packages/demos/examples/ of this checkout. */
export const EXAMPLES_DIR = resolve(here, '../../examples');

/** docs/ of this checkout (absent from an installed package). */
export const DOCS_DIR = resolve(here, '../../../../docs');

/** One runnable chapter example. */
export interface ExampleFile {
  readonly name: string;
  readonly file: string;
  /** The doc whose `// example: NAME` block this file is, when docs/ is there. */
  readonly chapter: string | undefined;
}

/** Every example of the folder, sorted by chapter and then by where it appears in it. */
export function listExamples(dir = EXAMPLES_DIR, docsDir = DOCS_DIR): ExampleFile[] {
  if (!existsSync(dir)) return [];
  const where = new Map<string, { chapter: string; at: number }>();
  if (existsSync(docsDir)) {
    for (const doc of readdirSync(docsDir).filter((f) => f.endsWith('.md')).sort()) {
      for (const m of readFileSync(join(docsDir, doc), 'utf8').matchAll(/^\/\/ example: ([a-z0-9-]+)\s*$/gm)) {
        where.set(m[1] as string, { chapter: doc, at: m.index ?? 0 });
      }
    }
  }
  const files = readdirSync(dir).filter((f) => /^[a-z0-9-]+\.ts$/.test(f)).map((f) => {
    const name = f.slice(0, -3);
    return { name, file: join(dir, f), chapter: where.get(name)?.chapter };
  });
  const key = (e: ExampleFile): string => `${e.chapter ?? '~'}:${String(where.get(e.name)?.at ?? 0).padStart(8, '0')}`;
  return files.sort((a, b) => key(a).localeCompare(key(b)));
}

/** The listing `pnpm example` prints: one name a line, with its chapter. */
export function describeExamples(examples: readonly ExampleFile[]): string {
  const width = Math.max(0, ...examples.map((e) => e.name.length));
  return examples.map((e) => `  ${e.name.padEnd(width)}  ${e.chapter ? `docs/${e.chapter}` : ''}`.trimEnd()).join('\n');
}
