import type { DemoInfo } from '../demo.ts';
import { choiceOption, probabilityOption } from '../demo-options.ts';
import type { StoryShape } from './story.ts';

/** The partition shapes `--shape` accepts; the first is the default. */
export const STORY_SHAPES: readonly StoryShape[] = ['split', 'isolate-node', 'random-halves', 'majority-minority'];

/** What the CLI knows of `faultline demo cp-vs-ap` without loading it. */
export const cpVsApInfo: DemoInfo = {
  name: 'cp-vs-ap',
  summary: 'a 3|2 partition: the CP register refuses the minority and stays linearizable; the AP register answers everywhere, diverges, converges',
  defaultNodes: 5,
  minNodes: 3,
  reportByDefault: true,
  options: [
    choiceOption('shape', STORY_SHAPES, 'how the partition cuts the cluster: split (default: the first ⌊n/2⌋+1 nodes | the rest), or a shape drawn from the seed'),
    probabilityOption('loss', 'probability that a frame between two replicas is lost, for the whole run (default 0; clients\' links stay clean)'),
  ],
};
