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
  /** Where incarnation `incarnation` of `from` hears credit for its link to `to` (see nats-link.ts); a batch's reply subject is this plus `.<seq>`. */
  credit(from: string, incarnation: number, to: string): string;
  /** Every credit subject of incarnation `incarnation` of `node` (a wildcard over the crediting peer). */
  creditsOf(node: string, incarnation: number): string;
  /** The sender, its credit subject and the batch's sequence number, read from a data message's reply subject addressed to `self`; undefined for anything else. */
  parseReply(reply: string | undefined, self: string): { from: string; creditTo: string; seq: number } | undefined;
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
  const creditPrefix = `${prefix}.credit.`;
  return {
    data: (node) => `${prefix}.data.${node}`,
    control: (node) => `${prefix}.ctl.${node}`,
    report: (node) => `${prefix}.report.${node}`,
    allReports: `${prefix}.report.*`,
    credit: (from, incarnation, to) => `${prefix}.credit.${from}.${incarnation}.${to}`,
    creditsOf: (node, incarnation) => `${prefix}.credit.${node}.${incarnation}.*`,
    parseReply: (reply, self) => {
      // Untrusted: anyone on the server may publish on a data subject, with any reply subject.
      if (reply === undefined || !reply.startsWith(creditPrefix)) return undefined;
      const tokens = reply.slice(creditPrefix.length).split('.');
      if (tokens.length !== 4 || tokens[2] !== self) return undefined;
      const [from = '', incarnation = '', , seqText = ''] = tokens;
      const seq = Number(seqText);
      if (!TOKEN.test(from) || !/^\d{1,15}$/.test(incarnation) || !/^\d{1,15}$/.test(seqText) || seq < 1) return undefined;
      return { from, creditTo: reply.slice(0, reply.length - seqText.length - 1), seq };
    },
  };
}
