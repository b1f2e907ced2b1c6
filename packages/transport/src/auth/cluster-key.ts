import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, constants as fsConstants } from 'node:fs';
import { ConfigError } from '@faultline/core';

/** The environment variable holding the cluster key itself (64 hex digits). */
export const CLUSTER_KEY_ENV = 'FAULTLINE_CLUSTER_KEY';
/** The environment variable naming a file that holds the cluster key. */
export const CLUSTER_KEY_FILE_ENV = 'FAULTLINE_CLUSTER_KEY_FILE';
/** The shortest key accepted: 32 bytes (256 bits), as HMAC-SHA256 wants (RFC 2104 §3: at least the output length). */
export const MIN_KEY_BYTES = 32;
/** The most a key file may hold: a key is 64 hex digits; reading stops here (so `/dev/zero` cannot hang a node). */
export const MAX_KEY_FILE_BYTES = 4096;
/** How to make a good key, quoted in every refusal. */
export const MAKE_KEY_HINT = "make one with `openssl rand -hex 32 > cluster.key && chmod 600 cluster.key` (or node -e \"console.log(require('crypto').randomBytes(32).toString('hex'))\")";

/** Where a cluster key comes from: a file, or an environment variable — never a command-line argument. */
export type ClusterKeySource =
  | { readonly file: string }
  | { readonly env: string };

/**
 * Loads the cluster's shared secret. With no source: `$FAULTLINE_CLUSTER_KEY_FILE`, else
 * `$FAULTLINE_CLUSTER_KEY`. Text of 64+ hex digits is read as hex; anything else as its UTF-8
 * bytes (surrounding whitespace trimmed). Refuses, with ConfigError naming the source: a missing
 * source; a file group or others may read or write (as ssh refuses such a private key) or that is
 * not a regular file; more than 4 KiB; a key under 32 bytes, or all one byte value.
 */
export function loadClusterKey(source?: ClusterKeySource, env: NodeJS.ProcessEnv = process.env): Uint8Array {
  if (source === undefined) {
    const file = env[CLUSTER_KEY_FILE_ENV];
    if (file !== undefined && file !== '') return loadClusterKey({ file }, env);
    return loadClusterKey({ env: CLUSTER_KEY_ENV }, env);
  }
  if ('file' in source) return keyFromText(`cluster key file ${source.file}`, readKeyFile(source.file));
  const text = env[source.env];
  if (text === undefined || text === '') throw new ConfigError(`$${source.env}`, text, `must hold the cluster key (or set a key file); ${MAKE_KEY_HINT}`);
  return keyFromText(`$${source.env}`, text);
}

/** Reads at most MAX_KEY_FILE_BYTES of a private, regular key file; throws ConfigError saying what is wrong. */
function readKeyFile(file: string): string {
  const field = 'cluster key file';
  let fd: number;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new ConfigError(field, file, `must be a readable file (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ConfigError(field, file, 'must be a regular file (not a device, pipe or folder)');
    if ((stat.mode & 0o077) !== 0) {
      throw new ConfigError(field, file, `must be private to its owner: its mode is ${(stat.mode & 0o777).toString(8)}, which lets group or others read or write it; run chmod 600 ${file}`);
    }
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid() && stat.uid !== 0) {
      throw new ConfigError(field, file, `must be owned by this user (uid ${process.getuid()}) or root, not uid ${stat.uid}`);
    }
    const buffer = Buffer.alloc(MAX_KEY_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > MAX_KEY_FILE_BYTES) throw new ConfigError(field, file, `must hold a key, not more than ${MAX_KEY_FILE_BYTES} bytes`);
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Parses key text: hex when it is all hex digits (an even number, 64+), else the trimmed UTF-8 bytes; refuses weak keys. */
export function keyFromText(field: string, text: string): Uint8Array {
  const trimmed = text.trim();
  const key = /^(?:[0-9a-fA-F]{2}){32,}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'utf8');
  const weakness = keyWeakness(key);
  if (weakness !== undefined) throw new ConfigError(field, `${key.length} bytes`, `${weakness}; ${MAKE_KEY_HINT}`);
  return new Uint8Array(key);
}

/** Why a key is too weak to use (shorter than 32 bytes, or every byte the same), or undefined. */
export function keyWeakness(key: Uint8Array): string | undefined {
  if (key.length < MIN_KEY_BYTES) return `must hold a key of at least ${MIN_KEY_BYTES} bytes (64 hex digits)`;
  if (key.every((b) => b === key[0])) return `must be random, not ${key.length} copies of byte ${key[0]}`;
  return undefined;
}

/** A fresh random 32-byte key as hex text, to write into a key file or the environment. */
export function generateClusterKey(): string {
  return randomBytes(32).toString('hex');
}
