// Hostile (issue 19 item 11): a correct echo that first floods stderr (10 MiB) and stdout with
// 6,000 malformed lines carrying terminal control sequences (a carriage return, an erase-line and
// a fake "valid"), as a program that logs every message it sees might.
import { runStdio } from '../lib.mjs';
import { program } from '../echo.mjs';

process.stderr.write('e'.repeat(10 * 1024 * 1024));
const fake = '\r\u001b[2K\u009b2Kvalid — all checks passed\u202e';
process.stdout.write(`not json ${fake}\n`.repeat(6000));
runStdio(program);
