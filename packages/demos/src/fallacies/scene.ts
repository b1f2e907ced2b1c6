/** One fallacy of distributed computing (Deutsch, Gosling et al.) as a short measured scene. */
export interface FallacyScene {
  /** The `--scene` name. */
  readonly name: string;
  /** The fallacy, as usually stated. */
  readonly fallacy: string;
  /** Runs the scene in fresh simulations derived from `seed`; returns the lines to print. */
  run(seed: number): Promise<string[]>;
}
