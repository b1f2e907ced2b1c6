// Hostile (issue 19 item 11): a --bin wrapper that starts a child holding the node's pipes open and
// never ends it, then runs the correct echo program. Its child's pid goes to the file in argv[2].
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { runStdio } from '../lib.mjs';
import { program } from '../echo.mjs';

const left = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' });
writeFileSync(process.argv[2], `${left.pid}\n`, { flag: 'a' });
runStdio(program);
