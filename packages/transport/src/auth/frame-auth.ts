import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigError, requireInteger, type FrameRejectReason } from '@faultline/core';
import { MIN_KEY_BYTES } from './cluster-key.ts';

/**
 * The sealed form of a frame or batch on a link:
 * `[u8 0xA7][u8 version][u8 tag length][u8 sender length][sender UTF-8][tag][body]`.
 * The tag is HMAC-SHA256 under the cluster key over a domain label, the sender, the receiver and
 * the body, truncated: it binds the bytes to one directed link, so a sealed batch replayed to
 * another node, or re-labelled with another sender, fails.
 */
export const SEAL_MAGIC = 0xa7;
/** Version of the sealed layout, the second byte. */
export const SEAL_VERSION = 1;
const DOMAIN = Buffer.from('faultline-frame-auth-v1\0');
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export type { FrameRejectReason };

/** Every reject reason, for reference tables and exhaustive tests. */
export const FRAME_REJECT_REASONS: readonly FrameRejectReason[] = ['missing-mac', 'bad-mac', 'unknown-sender', 'sender-mismatch'];

/** Frame authentication for a cluster: the shared key and how long a tag is. */
export interface FrameAuthOptions {
  /** The cluster's shared secret, at least 16 bytes: load it with `loadClusterKey` (file or environment). */
  readonly key: Uint8Array;
  /** Bytes of HMAC-SHA256 kept in each tag, 8–32. Default 16 (128 bits). */
  readonly tagBytes?: number;
}

/** Defaults of frame authentication, each with its reason. */
export const FRAME_AUTH_DEFAULTS = {
  /** 128 bits: a forger's chance per try is 2^-128; the full 32 bytes buy nothing more on a link. */
  tagBytes: 16,
} as const;

/** The result of opening a sealed unit: its sender and body, or why it was refused. */
export type Opened =
  | { readonly ok: true; readonly from: string; readonly body: Uint8Array }
  | { readonly ok: false; readonly reason: FrameRejectReason; readonly from: string | undefined; readonly detail: string };

/** True when bytes carry a seal (authenticated or not, they start with the seal's magic byte). */
export function isSealed(bytes: Uint8Array): boolean {
  return bytes.length > 0 && bytes[0] === SEAL_MAGIC;
}

/**
 * Seals and opens the units crossing a link with a keyed MAC (HMAC-SHA256, truncated). Senders
 * must be `members` of the cluster; every byte that arrives is checked before it is decoded.
 */
export class FrameAuth {
  readonly tagBytes: number;
  private readonly key: Uint8Array;
  private readonly members: ReadonlySet<string>;

  constructor(options: FrameAuthOptions, members: Iterable<string>) {
    if (!(options.key instanceof Uint8Array)) throw new ConfigError('auth.key', options.key, 'must be the key bytes (loadClusterKey reads them from a file or the environment)');
    if (options.key.length < MIN_KEY_BYTES) throw new ConfigError('auth.key', `${options.key.length} bytes`, `must be at least ${MIN_KEY_BYTES} bytes`);
    this.key = options.key;
    this.tagBytes = requireInteger('auth.tagBytes', options.tagBytes ?? FRAME_AUTH_DEFAULTS.tagBytes, 8, 32);
    this.members = new Set(members);
  }

  /** Whether `node` may send frames in this cluster. */
  isMember(node: string): boolean {
    return this.members.has(node);
  }

  /** The truncated tag of `body` on the link from → to. */
  tag(from: string, to: string, body: Uint8Array): Uint8Array {
    const f = encoder.encode(from);
    const t = encoder.encode(to);
    const mac = createHmac('sha256', this.key).update(DOMAIN).update(Uint8Array.of(f.length)).update(f)
      .update(Uint8Array.of(t.length)).update(t).update(body).digest();
    return new Uint8Array(mac.buffer, mac.byteOffset, this.tagBytes);
  }

  /** Whether `tag` is the tag of `body` on from → to (constant-time comparison). */
  verify(from: string, to: string, body: Uint8Array, tag: Uint8Array): boolean {
    if (tag.length !== this.tagBytes) return false;
    return timingSafeEqual(this.tag(from, to, body), tag);
  }

  /** The sealed form of `body` sent by `from` to `to`. */
  seal(from: string, to: string, body: Uint8Array): Uint8Array {
    const f = encoder.encode(from);
    if (f.length > 255) throw new ConfigError('sender', from, 'must be at most 255 bytes of UTF-8');
    const out = new Uint8Array(4 + f.length + this.tagBytes + body.length);
    out[0] = SEAL_MAGIC;
    out[1] = SEAL_VERSION;
    out[2] = this.tagBytes;
    out[3] = f.length;
    out.set(f, 4);
    out.set(this.tag(from, to, body), 4 + f.length);
    out.set(body, 4 + f.length + this.tagBytes);
    return out;
  }

  /**
   * Checks a unit that arrived at `to`, before anything in it is decoded: sealed, by a member,
   * with the right tag. Never throws.
   */
  open(bytes: Uint8Array, to: string): Opened {
    const parsed = unseal(bytes);
    if (!parsed.ok) return parsed;
    if (!this.members.has(parsed.from)) return { ok: false, reason: 'unknown-sender', from: parsed.from, detail: `sender '${parsed.from}' is not a node of this cluster` };
    if (!this.verify(parsed.from, to, parsed.body, parsed.tag)) {
      return { ok: false, reason: 'bad-mac', from: parsed.from, detail: `the MAC does not match (claimed sender '${parsed.from}')` };
    }
    return { ok: true, from: parsed.from, body: parsed.body };
  }
}

/** Parses a seal without checking it: for receivers without a key (auth off), which read sealed units too. */
export function unseal(bytes: Uint8Array):
  | { readonly ok: true; readonly from: string; readonly tag: Uint8Array; readonly body: Uint8Array }
  | { readonly ok: false; readonly reason: FrameRejectReason; readonly from: undefined; readonly detail: string } {
  if (!isSealed(bytes)) return { ok: false, reason: 'missing-mac', from: undefined, detail: 'the frame carries no MAC' };
  if (bytes.length < 4 || bytes[1] !== SEAL_VERSION) {
    return { ok: false, reason: 'bad-mac', from: undefined, detail: `seal version ${String(bytes[1])}, expected ${SEAL_VERSION}` };
  }
  const tagBytes = bytes[2] as number;
  const fromLength = bytes[3] as number;
  const bodyAt = 4 + fromLength + tagBytes;
  if (bodyAt > bytes.length) return { ok: false, reason: 'bad-mac', from: undefined, detail: 'the seal overruns the frame' };
  let from: string;
  try {
    from = decoder.decode(bytes.subarray(4, 4 + fromLength));
  } catch {
    return { ok: false, reason: 'bad-mac', from: undefined, detail: 'the sender in the seal is not valid UTF-8' };
  }
  return { ok: true, from, tag: bytes.subarray(4 + fromLength, bodyAt), body: bytes.subarray(bodyAt) };
}
