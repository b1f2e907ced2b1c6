import type { DemoInfo } from '../demo.ts';

/** What the CLI knows of `faultline demo echo` without loading it. */
export const echoInfo: DemoInfo = {
  name: 'echo',
  summary: 'N nodes echo messages to each other; every ask ends ok, failed or unknown',
  defaultNodes: 5,
  minNodes: 1,
};
