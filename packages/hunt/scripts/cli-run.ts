// Runs the faultline command line from source with the arguments given, e.g.
// npx tsx --conditions=@faultline/source packages/hunt/scripts/cli-run.ts test FILE --check-determinism
import { runCli } from '../../demos/src/cli/main.ts';

process.exitCode = await runCli(process.argv.slice(2), (line) => console.log(line));
