import { pathToFileURL } from 'node:url';
import { describeExamples, listExamples } from './examples.ts';

// `pnpm example [NAME]` (root package.json): runs one chapter example from the checkout, with tsx
// and the @faultline/source condition, so it needs no build. No name lists them; an unknown name
// exits 64 (EX_USAGE) with the list. Only a file of the examples folder is ever imported.

const EXIT_USAGE = 64;

async function main(argv: readonly string[]): Promise<number> {
  const examples = listExamples();
  const [name, ...extra] = argv.filter((a) => a !== '--');
  if (name === undefined || name === '--list' || name === '--help' || name === '-h') {
    console.log(`Chapter examples (run one with: pnpm example NAME):\n${describeExamples(examples)}`);
    return 0;
  }
  const example = examples.find((e) => e.name === name);
  if (example === undefined || extra.length > 0) {
    console.error(example === undefined
      ? `pnpm example: no example named '${name}'. Known examples:\n${describeExamples(examples)}`
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

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    console.error(`example failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  });
