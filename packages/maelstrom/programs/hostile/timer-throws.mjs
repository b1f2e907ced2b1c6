// Hostile (issue 19 item 11): an in-process program module that throws from a timer of its own,
// outside any handler. The harness must exit with its internal-error code, not 1 ("invalid").
setTimeout(() => { throw new RangeError('Maximum call stack size exceeded (from the program)'); }, 50);
export const program = (node) => ({ echo: (msg) => node.reply(msg, { type: 'echo_ok', echo: msg.body.echo }) });
