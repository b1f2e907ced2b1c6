import { ConfigError } from '@faultline/core';

/**
 * The NATS subjects of one faultline cluster. Every node listens on its own data subject (batches of
 * frames, one NATS message per batch) and control subject (request/reply); nodes publish their
 * events and logs on their report subject, which the controller reads.
 */
export interface ClusterSubjects {
  data(node: string): string;
  control(node: string): string;
  report(node: string): string;
  /** Every node's report subject (a wildcard). */
  readonly allReports: string;
}

/** A NATS subject token: no dots, wildcards or whitespace. */
const TOKEN = /^[A-Za-z0-9_-]+$/;

/** Checks a name used as a subject token; throws ConfigError naming the field. */
export function requireToken(field: string, value: unknown): string {
  if (typeof value !== 'string' || !TOKEN.test(value)) {
    throw new ConfigError(field, value, 'must be letters, digits, _ or - (it becomes part of a NATS subject)');
  }
  return value;
}

/** The subjects of cluster `name` (prefix `faultline.<name>`). */
export function clusterSubjects(name: string): ClusterSubjects {
  const prefix = `faultline.${requireToken('cluster', name)}`;
  return {
    data: (node) => `${prefix}.data.${node}`,
    control: (node) => `${prefix}.ctl.${node}`,
    report: (node) => `${prefix}.report.${node}`,
    allReports: `${prefix}.report.*`,
  };
}
