import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '@faultline/core';

/** The environment variable holding the cluster key itself (hex, or any text of 16+ bytes). */
export const CLUSTER_KEY_ENV = 'FAULTLINE_CLUSTER_KEY';
/** The environment variable naming a file that holds the cluster key. */
export const CLUSTER_KEY_FILE_ENV = 'FAULTLINE_CLUSTER_KEY_FILE';
/** The shortest key accepted: 16 bytes (128 bits). */
export const MIN_KEY_BYTES = 16;

/** Where a cluster key comes from: a file, or an environment variable — never a command-line argument. */
export type ClusterKeySource =
  | { readonly file: string }
  | { readonly env: string };

/**
 * Loads the cluster's shared secret. With no source: `$FAULTLINE_CLUSTER_KEY_FILE`, else
 * `$FAULTLINE_CLUSTER_KEY`. Text of 32+ hex digits is read as hex; anything else as its UTF-8
 * bytes (surrounding whitespace trimmed). Throws ConfigError naming the source when it is missing
 * or shorter than 16 bytes.
 */
export function loadClusterKey(source?: ClusterKeySource, env: NodeJS.ProcessEnv = process.env): Uint8Array {
  if (source === undefined) {
    const file = env[CLUSTER_KEY_FILE_ENV];
    if (file !== undefined && file !== '') return loadClusterKey({ file }, env);
    return loadClusterKey({ env: CLUSTER_KEY_ENV }, env);
  }
  if ('file' in source) {
    let text: string;
    try {
      text = readFileSync(source.file, 'utf8');
    } catch (error) {
      throw new ConfigError('cluster key file', source.file, `must be a readable file (${error instanceof Error ? error.message : String(error)})`);
    }
    return keyFromText(`cluster key file ${source.file}`, text);
  }
  const text = env[source.env];
  if (text === undefined || text === '') throw new ConfigError(`$${source.env}`, text, 'must hold the cluster key (or set a key file)');
  return keyFromText(`$${source.env}`, text);
}

/** Parses key text: hex when it is all hex digits (an even number, 32+), else the trimmed UTF-8 bytes. */
export function keyFromText(field: string, text: string): Uint8Array {
  const trimmed = text.trim();
  const key = /^(?:[0-9a-fA-F]{2}){16,}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'utf8');
  if (key.length < MIN_KEY_BYTES) throw new ConfigError(field, `${key.length} bytes`, `must hold a key of at least ${MIN_KEY_BYTES} bytes`);
  return new Uint8Array(key);
}

/** A fresh random 32-byte key as hex text, to write into a key file or the environment. */
export function generateClusterKey(): string {
  return randomBytes(32).toString('hex');
}
