/** `faultline check …`: delegates to the checker package's command. */
export async function runCheckCommand(argv: readonly string[], out: (line: string) => void): Promise<number> {
  const checker = (await import('@faultline/checker')) as { runCheck?: (argv: string[], out: (line: string) => void) => Promise<number> };
  if (!checker.runCheck) {
    out('faultline check: the checker is not available in this build');
    return 70;
  }
  return checker.runCheck([...argv], out);
}
