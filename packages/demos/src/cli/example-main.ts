import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { callerDirectory } from './caller-dir.ts';
import { describeExamples, listExamples, type ExampleFile } from './examples.ts';

// `pnpm example [NAME]` (root package.json): runs one chapter example from the checkout, with tsx
// and the @faultline/source condition, so it needs no build. No name lists them; an unknown name
// exits 64 (EX_USAGE) with the list. A path instead of a name (`pnpm example
// packages/demos/scratch/mine.ts`) runs a copy the student edited, as a test runner runs the file
// it is given; a bare name only ever imports a file of the examples folder.

const EXIT_USAGE = 64;

async function main(argv: readonly string[]): Promise<number> {
  const examples = listExamples();
  const [name, ...extra] = argv.filter((a) => a !== '--');
  if (name === undefined || name === '--list' || name === '--help' || name === '-h') {
    console.log(`Chapter examples (run one with: pnpm example NAME):\n${describeExamples(examples)}`);
    return 0;
  }
  const example = /[/\\]|\.[cm]?[jt]s$/.test(name) ? fileExample(name) : examples.find((e) => e.name === name);
  if (example === undefined || extra.length > 0) {
    console.error(example === undefined
      ? `pnpm example: no example named '${name}' (nor a file of that path). Known examples:\n${describeExamples(examples)}`
      : `pnpm example: one example name only (got ${argv.join(' ')})`);
    return EXIT_USAGE;
  }
  console.log(`example ${example.name}${example.chapter ? ` (docs/${example.chapter})` : ''}: running ${example.file}`);
  const module = (await import(pathToFileURL(example.file).href)) as { default?: unknown };
  if (typeof module.default !== 'function') {
    console.error(`pnpm example: ${example.file} exports no default function to run`);
    return 70;
  }
  await (module.default as () => Promise<void>)();
  console.log(`example ${example.name}: ok (every assertion in it held)`);
  return 0;
}

/** A student's own copy of an example, named by its path (from the folder pnpm was run in). */
function fileExample(path: string): ExampleFile | undefined {
  const file = resolve(callerDirectory(process.env, process.cwd()), path);
  return existsSync(file) && statSync(file).isFile() ? { name: path, file, chapter: undefined } : undefined;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    console.error(`example failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  });
