import { ConfigError } from '@faultline/core';
import type { NatsConnectConfig } from '@faultline/runtime';
import { CLUSTER_KEY_ENV, CLUSTER_KEY_FILE_ENV } from '@faultline/transport';
import { stringOption, type ParsedArgs } from './args.ts';
import { DEMO_NATS_FLAGS } from './nats-flags.ts';


/** How `faultline demo --runtime nats` reaches its nodes. */
export interface DemoNatsOptions {
  readonly url: string;
  /** The server URL and login, as the controller and the nodes it launches use them. */
  readonly connect: NatsConnectConfig;
  /** The cluster name nodes started elsewhere must use. */
  readonly cluster: string;
  /** Find nodes started elsewhere (`faultline node`) instead of launching them. */
  readonly attach: boolean;
  /** `--insecure`: attach without a cluster key (every control message and frame believed); said on every run. */
  readonly insecure: boolean;
}

/** Reads `--nats URL [--cluster NAME] [--attach]`; required with `--runtime nats`, refused without it. */
export function natsOptions(args: ParsedArgs, runtime: string): DemoNatsOptions | undefined {
  const url = stringOption(args, 'nats');
  const cluster = stringOption(args, 'cluster');
  const attach = args.options.has('attach');
  const insecure = args.options.has('insecure');
  if (runtime !== 'nats') {
    const given = DEMO_NATS_FLAGS.find((f) => args.options.has(f)) ?? (attach ? 'attach' : insecure ? 'insecure' : undefined);
    if (given !== undefined) throw new ConfigError(`--${given}`, stringOrTrue(args, given), 'works with --runtime nats only');
    return undefined;
  }
  if (url === undefined) throw new ConfigError('--nats', url, 'is required with --runtime nats (the server URL, e.g. nats://127.0.0.1:4222)');
  const user = stringOption(args, 'nats-user');
  const nkey = stringOption(args, 'nats-nkey-file');
  const ca = stringOption(args, 'nats-ca');
  const cert = stringOption(args, 'nats-cert');
  const key = stringOption(args, 'nats-key');
  const connect: NatsConnectConfig = {
    servers: url.split(','),
    ...(user !== undefined ? { user } : {}),
    ...(nkey !== undefined ? { nkeySeedFile: nkey } : {}),
    ...(ca !== undefined || cert !== undefined ? { tls: { ...(ca ? { caFile: ca } : {}), ...(cert ? { certFile: cert } : {}), ...(key ? { keyFile: key } : {}) } } : {}),
  };
  return { url, connect, cluster: cluster ?? 'demo', attach, insecure };
}

function stringOrTrue(args: ParsedArgs, name: string): string | true | undefined {
  return args.options.get(name);
}

/** The NATS part of a demo's replay line. */
export function natsReplay(o: DemoNatsOptions): string {
  return ` --nats ${o.url} --cluster ${o.cluster}${o.attach ? ' --attach' : ''}${o.insecure ? ' --insecure' : ''}`;
}

/** Whether this process has a cluster key in its environment (frame auth on). */
export function hasClusterKey(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env[CLUSTER_KEY_FILE_ENV] ?? '') !== '' || (env[CLUSTER_KEY_ENV] ?? '') !== '';
}
