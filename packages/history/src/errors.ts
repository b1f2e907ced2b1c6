/** A recorder was used out of order, or given a value a history cannot hold; says which process and what. */
export class RecorderError extends Error {
  override readonly name = 'RecorderError';
  /** The process the misuse concerns. */
  readonly process: number;

  constructor(process: number, problem: string) {
    super(`process ${process}: ${problem}`);
    this.process = process;
  }
}
