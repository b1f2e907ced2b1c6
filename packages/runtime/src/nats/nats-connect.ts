import { readFileSync, statSync } from 'node:fs';
import { connect, nkeyAuthenticator, type NatsConnection, type NodeConnectionOptions } from '@nats-io/transport-node';
import { ConfigError, requireInteger } from '@faultline/core';
import { clusterInboxPrefix } from './server-permissions.ts';

/** How to reach and log in to the NATS server. Secrets come from files or the environment, never argv. */
export interface NatsConnectConfig {
  /** Server URLs, e.g. `nats://127.0.0.1:4222` (`tls://…` to require TLS). */
  readonly servers: string | readonly string[];
  /** User name for the server's user/password auth; the password is `pass` (programmatic) or `$FAULTLINE_NATS_PASS`. */
  readonly user?: string;
  readonly pass?: string;
  /** A file holding an nkey seed (`SU…`), for the server's nkey auth. */
  readonly nkeySeedFile?: string;
  /** TLS: the CA that signed the server's certificate, and a client certificate and key when the server verifies clients. */
  readonly tls?: { readonly caFile?: string; readonly certFile?: string; readonly keyFile?: string };
  /** Wait between reconnect attempts. Default 250 ms. */
  readonly reconnectWaitMs?: number;
}

/** The environment variable a node or controller reads the NATS password from. */
export const NATS_PASS_ENV = 'FAULTLINE_NATS_PASS';

/** Defaults, each with its reason. */
export const NATS_DEFAULTS = {
  /** Reconnect quickly: a node cut off from the server is a node cut off from the cluster. */
  reconnectWaitMs: 250,
  /** Never give up reconnecting: a server restart must not end a node (the controller decides a node's fate). */
  maxReconnectAttempts: -1,
} as const;

/**
 * Builds the client's connection options; throws ConfigError naming a bad field. With `cluster`,
 * replies use that cluster's inbox prefix, so per-cluster subject permissions cover them too.
 */
export function natsOptions(config: NatsConnectConfig, name: string, env: NodeJS.ProcessEnv = process.env, cluster?: string): NodeConnectionOptions {
  const servers = typeof config.servers === 'string' ? [config.servers] : [...config.servers];
  if (servers.length === 0 || servers.some((s) => typeof s !== 'string' || s.length === 0)) {
    throw new ConfigError('nats.servers', config.servers, 'must be one or more server URLs such as nats://127.0.0.1:4222');
  }
  const options: NodeConnectionOptions = {
    servers,
    name,
    maxReconnectAttempts: NATS_DEFAULTS.maxReconnectAttempts,
    reconnectTimeWait: requireInteger('nats.reconnectWaitMs', config.reconnectWaitMs ?? NATS_DEFAULTS.reconnectWaitMs, 1, 60_000),
    waitOnFirstConnect: false,
    ...(cluster === undefined ? {} : { inboxPrefix: clusterInboxPrefix(cluster) }),
  };
  if (config.user !== undefined) {
    const pass = config.pass ?? env[NATS_PASS_ENV];
    if (pass === undefined) throw new ConfigError('nats.pass', undefined, `must be given (or set $${NATS_PASS_ENV}) when nats.user is`);
    options.user = config.user;
    options.pass = pass;
  }
  if (config.nkeySeedFile !== undefined) {
    let seed: string;
    try {
      const stat = statSync(config.nkeySeedFile);
      if (!stat.isFile() || stat.size > 4096) throw new Error('not a regular file of at most 4096 bytes');
      if ((stat.mode & 0o077) !== 0) {
        throw new ConfigError('nats.nkeySeedFile', config.nkeySeedFile, `must be private to its owner (mode ${(stat.mode & 0o777).toString(8)} lets group or others read or write it; run chmod 600 ${config.nkeySeedFile})`);
      }
      seed = readFileSync(config.nkeySeedFile, 'utf8').trim();
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError('nats.nkeySeedFile', config.nkeySeedFile, `must be a readable file (${error instanceof Error ? error.message : String(error)})`);
    }
    options.authenticator = nkeyAuthenticator(new TextEncoder().encode(seed));
  }
  if (config.tls !== undefined) options.tls = { ...config.tls };
  return options;
}

/** Connects to NATS; a refused or unreachable server is a ConfigError naming `nats.servers`. */
export async function connectNats(config: NatsConnectConfig, name: string, cluster?: string): Promise<NatsConnection> {
  const options = natsOptions(config, name, process.env, cluster);
  try {
    return await connect(options);
  } catch (error) {
    throw new ConfigError('nats.servers', options.servers, `must be a reachable NATS server that accepts these credentials (${error instanceof Error ? error.message : String(error)})`);
  }
}
