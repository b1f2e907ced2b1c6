import type { DemoContext } from './demo.ts';

/** A fault a lesson stages, as a report shades it: the nemesis op kinds `faultWindows` pairs. */
export type StagedFault = 'partition' | 'heal' | 'crash' | 'restart' | 'link-fault' | 'remove-link-fault' | 'clock';

/**
 * What a lesson demo tells its report about one scene: the faults it staged, stamped on the
 * cluster's clock (the one clock of a run folder), and the lines it printed. Without a report
 * it only prints.
 */
export class SceneLog {
  private readonly context: DemoContext;
  private readonly name: string;
  private readonly title: string;
  private readonly from: number;
  private readonly lines: string[] = [];

  constructor(context: DemoContext, name: string, title: string) {
    this.context = context;
    this.name = name;
    this.title = title;
    this.from = context.cluster.now();
  }

  /** Prints a line and keeps it for the scene's section. */
  out(line: string): void {
    this.context.out(line);
    this.lines.push(line.trimEnd());
  }

  /** Notes a staged fault (or its end) now, on the nodes it touches. */
  fault(kind: StagedFault, nodes: readonly string[], text: string): void {
    this.context.record?.nemesisSteps([{ t: this.context.cluster.now(), op: { kind, nodes: [...nodes] }, text }]);
  }

  /** Ends the scene now. */
  end(): void {
    this.context.record?.scene({ name: this.name, title: this.title, from: this.from, to: this.context.cluster.now(), lines: this.lines.filter((l) => l !== '') });
  }
}
