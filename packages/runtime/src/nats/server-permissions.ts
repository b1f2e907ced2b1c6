import { requireToken } from './subjects.ts';

/**
 * The reply-subject prefix of a cluster's clients (NATS `inboxPrefix`): replies of cluster `lab`
 * travel on `_INBOX_lab.…`, so a user allowed only its own cluster's subjects cannot read or
 * answer another cluster's control requests either.
 */
export function clusterInboxPrefix(cluster: string): string {
  return `_INBOX_${requireToken('cluster', cluster)}`;
}

/** One cluster's NATS user: its name and where nats-server reads its password (a `$VAR` of the server's environment). */
export interface ClusterUser {
  readonly cluster: string;
  readonly user: string;
  /** The environment variable of nats-server holding the password, e.g. `LAB_PASS`. */
  readonly passwordVar: string;
}

/**
 * A nats-server `authorization` block with one user per cluster, each allowed to publish and
 * subscribe only on `faultline.<cluster>.>` and its cluster's inbox: one class's cluster cannot
 * even publish on another's subjects (the server refuses with a permissions violation). NATS's own
 * subject permissions (nats-server docs: "Authorization"); a defence beside the cluster key, which
 * still stops anyone holding a user of the same cluster.
 */
export function clusterUsersConfig(users: readonly ClusterUser[]): string {
  const entries = users.map((u) => {
    const subjects = `["faultline.${requireToken('cluster', u.cluster)}.>", "${clusterInboxPrefix(u.cluster)}.>"]`;
    requireToken('user', u.user);
    requireToken('passwordVar', u.passwordVar);
    return `    { user: ${u.user}, password: $${u.passwordVar}, permissions: { publish: { allow: ${subjects} }, subscribe: { allow: ${subjects} } } }`;
  });
  return `authorization {\n  users: [\n${entries.join(',\n')}\n  ]\n}\n`;
}
