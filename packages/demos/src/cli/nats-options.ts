import { ConfigError } from '@faultline/core';
import { CLUSTER_KEY_ENV, CLUSTER_KEY_FILE_ENV } from '@faultline/transport';
import { stringOption, type ParsedArgs } from './args.ts';

/** How `faultline demo --runtime nats` reaches its nodes. */
export interface DemoNatsOptions {
  readonly url: string;
  /** The cluster name nodes started elsewhere must use. */
  readonly cluster: string;
  /** Find nodes started elsewhere (`faultline node`) instead of launching them. */
  readonly attach: boolean;
}

/** Reads `--nats URL [--cluster NAME] [--attach]`; required with `--runtime nats`, refused without it. */
export function natsOptions(args: ParsedArgs, runtime: string): DemoNatsOptions | undefined {
  const url = stringOption(args, 'nats');
  const cluster = stringOption(args, 'cluster');
  const attach = args.options.has('attach');
  if (runtime !== 'nats') {
    if (url !== undefined || cluster !== undefined || attach) throw new ConfigError('--nats', url ?? cluster ?? '--attach', 'works with --runtime nats only');
    return undefined;
  }
  if (url === undefined) throw new ConfigError('--nats', url, 'is required with --runtime nats (the server URL, e.g. nats://127.0.0.1:4222)');
  return { url, cluster: cluster ?? 'demo', attach };
}

/** The NATS part of a demo's replay line. */
export function natsReplay(o: DemoNatsOptions): string {
  return ` --nats ${o.url} --cluster ${o.cluster}${o.attach ? ' --attach' : ''}`;
}

/** Whether this process has a cluster key in its environment (frame auth on). */
export function hasClusterKey(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env[CLUSTER_KEY_FILE_ENV] ?? '') !== '' || (env[CLUSTER_KEY_ENV] ?? '') !== '';
}
