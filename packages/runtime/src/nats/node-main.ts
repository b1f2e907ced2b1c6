import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '@faultline/core';
import { CLUSTER_KEY_ENV, CLUSTER_KEY_FILE_ENV, loadClusterKey } from '@faultline/transport';
import type { NatsConnectConfig } from './nats-connect.ts';
import { NatsNodeAgent, type NatsNodeOptions } from './node-agent.ts';
import { requireToken } from './subjects.ts';
import { privateStorageRoot } from '../host/storage/private-dir.ts';

/** The flags of `faultline node` that take a value. Secrets are files or environment variables, never values here. */
export const NODE_FLAGS = ['nats', 'cluster', 'node', 'modules', 'network-modules', 'data', 'key-file', 'nats-user', 'nats-nkey-file', 'nats-ca', 'nats-cert', 'nats-key'] as const;
/** The flags of `faultline node` that take no value. */
export const NODE_SWITCHES = ['insecure'] as const;

/** Usage of `faultline node`, for help texts. */
export const NODE_USAGE = 'faultline node --nats nats://HOST:PORT --cluster NAME --node ID --modules FILE[,FILE…] [--network-modules FILE[,FILE…]] [--data FILE] (--key-file FILE | --insecure) [--nats-user U] [--nats-nkey-file F] [--nats-ca F --nats-cert F --nats-key F]';

/**
 * Reads `faultline node` options from `--flag value` pairs; throws ConfigError naming the argument.
 * The cluster key comes from `--key-file`, else `$FAULTLINE_CLUSTER_KEY_FILE` or `$FAULTLINE_CLUSTER_KEY`.
 */
export function parseNodeArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): NatsNodeOptions {
  const values = new Map<string, string>();
  let insecure = false;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    const eq = word.indexOf('=');
    const name = word.startsWith('--') ? word.slice(2, eq === -1 ? undefined : eq) : undefined;
    if (name !== undefined && (NODE_SWITCHES as readonly string[]).includes(name)) {
      if (eq !== -1) throw new ConfigError(`--${name}`, word.slice(eq + 1), 'takes no value');
      insecure = true;
      continue;
    }
    if (name === undefined || !(NODE_FLAGS as readonly string[]).includes(name)) {
      throw new ConfigError('argument', word, `is not an option of faultline node; usage: ${NODE_USAGE}`);
    }
    const value = eq === -1 ? argv[++i] : word.slice(eq + 1);
    if (value === undefined || value.startsWith('--')) throw new ConfigError(`--${name}`, value, 'needs a value');
    values.set(name, value);
  }
  const need = (flag: string): string => {
    const v = values.get(flag);
    if (v === undefined) throw new ConfigError(`--${flag}`, undefined, `is required; usage: ${NODE_USAGE}`);
    return v;
  };
  const cluster = requireToken('--cluster', need('cluster'));
  const node = requireToken('--node', need('node'));
  const fileUrls = (list: string): string[] => list.split(',').filter((m) => m.length > 0).map((m) => (m.startsWith('file:') ? m : pathToFileURL(isAbsolute(m) ? m : resolve(cwd, m)).href));
  const modules = fileUrls(need('modules'));
  const networkModules = fileUrls(values.get('network-modules') ?? '');
  const nats: NatsConnectConfig = {
    servers: need('nats').split(','),
    ...(values.has('nats-user') ? { user: values.get('nats-user') } : {}),
    ...(values.has('nats-nkey-file') ? { nkeySeedFile: values.get('nats-nkey-file') } : {}),
    ...(values.has('nats-ca') || values.has('nats-cert')
      ? { tls: { caFile: values.get('nats-ca'), certFile: values.get('nats-cert'), keyFile: values.get('nats-key') } }
      : {}),
  };
  const keyFile = values.get('key-file');
  const hasEnvKey = (env[CLUSTER_KEY_FILE_ENV] ?? '') !== '' || (env[CLUSTER_KEY_ENV] ?? '') !== '';
  const authKey = keyFile !== undefined ? loadClusterKey({ file: keyFile }, env) : hasEnvKey ? loadClusterKey(undefined, env) : undefined;
  if (authKey === undefined && !insecure) {
    throw new ConfigError('cluster key', undefined, `must be given with --key-file FILE or $${CLUSTER_KEY_FILE_ENV} (or $${CLUSTER_KEY_ENV}): without one any client of the NATS server controls this node; make one with \`openssl rand -hex 32 > cluster.key && chmod 600 cluster.key\`, or pass --insecure`);
  }
  if (authKey !== undefined && insecure) throw new ConfigError('--insecure', true, 'must not be given with a cluster key');
  return {
    nats, cluster, node, modules,
    ...(networkModules.length > 0 ? { networkModules } : {}),
    ...(insecure ? { insecure } : {}),
    storageFile: values.get('data') ?? join(privateStorageRoot(), `faultline-${cluster}-${node}.log`),
    ...(authKey ? { authKey } : {}),
  };
}

/** Runs a node process until its connection closes or it is told to stop (SIGINT, SIGTERM). */
export async function runNode(options: NatsNodeOptions, say: (line: string) => void): Promise<void> {
  const agent = await NatsNodeAgent.start({ ...options, say });
  say(`faultline node ${options.node}: cluster ${options.cluster}, connected to ${[options.nats.servers].flat().join(',')}; ${options.authKey ? 'cluster key loaded: control, reports and frames authenticated' : 'INSECURE (--insecure): no cluster key, any client of the NATS server can control this node'}; waiting for the controller`);
  void (async () => {
    for await (const s of agent.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnect') say(`faultline node ${options.node}: NATS ${s.type}`);
    }
  })();
  const stop = () => void agent.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await agent.closed();
}
