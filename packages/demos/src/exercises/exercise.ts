import { ConfigError, isActorDefinition, type ActorDefinition } from '@faultline/core';
import type { RunRecorder } from '@faultline/report';

/** What one seed of an exercise's check concluded. */
export interface SeedVerdict {
  readonly ok: boolean;
  /** Why it failed (or what held), in the exercise's own terms. */
  readonly explanation: string;
}

/** A checked exercise: a task, the module a solution exports, and a check run seed by seed. */
export interface Exercise {
  /** The folder name under packages/demos/exercises/ and the `faultline exercise NAME` word. */
  readonly name: string;
  /** The chapter that poses it (docs/…). */
  readonly chapter: string;
  readonly title: string;
  /** The task as the student reads it: what is wrong, what to change, what the check runs. */
  readonly task: string;
  /** The simulated cluster's nodes, as the report lists them. */
  readonly nodes: readonly string[];
  /** Seeds the check runs by default: 1..seeds. */
  readonly seeds: number;
  /**
   * Runs one seed of the check (a fresh simulator, the exercise's nemesis, its checker) against a
   * loaded solution module. With `record`, the run also fills a run folder for a report.
   */
  run(solution: Readonly<Record<string, unknown>>, seed: number, record?: RunRecorder): Promise<SeedVerdict>;
}

/** The named export of a solution module, which must be an actor definition. */
export function actorExport(solution: Readonly<Record<string, unknown>>, name: string): ActorDefinition<unknown, unknown> {
  const value = solution[name];
  if (!isActorDefinition(value)) throw new ConfigError('--check', name, `the solution must export ${name}, made with defineActor (as the starter file does)`);
  return value as ActorDefinition<unknown, unknown>;
}

/** The named export of a solution module, which must be a function. */
export function functionExport<F extends (...args: never[]) => unknown>(solution: Readonly<Record<string, unknown>>, name: string): F {
  const value = solution[name];
  if (typeof value !== 'function') throw new ConfigError('--check', name, `the solution must export a function ${name} (as the starter file does)`);
  return value as F;
}
