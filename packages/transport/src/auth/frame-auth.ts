import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigError, requireInteger, type FrameRejectReason } from '@faultline/core';
import { keyWeakness, MAKE_KEY_HINT } from './cluster-key.ts';
import { ReplayWindow } from './replay-window.ts';

/**
 * The sealed form of a frame or batch on a link:
 * `[u8 0xA7][u8 version][u8 tag length][u8 sender length][sender UTF-8][u32 incarnation][u64 seq][tag][body]`.
 * The tag is HMAC-SHA256 under the cluster key over a domain label, the cluster's name, the run's
 * nonce, the sender, the receiver, the sender's incarnation, the link's sequence number and the
 * body, truncated: it binds the bytes to one directed link of one run of one cluster, and the
 * receiver's anti-replay window (per sender, as IPsec's and WireGuard's) refuses a number seen
 * twice, one older than the window, or one from an older incarnation of the sender.
 */
export const SEAL_MAGIC = 0xa7;
/** Version of the sealed layout, the second byte (2: with incarnation and sequence number). */
export const SEAL_VERSION = 2;
const DOMAIN = Buffer.from('faultline-frame-auth-v2\0');
const SEQ_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export type { FrameRejectReason };

/** Every reject reason, for reference tables and exhaustive tests. */
export const FRAME_REJECT_REASONS: readonly FrameRejectReason[] = ['missing-mac', 'bad-mac', 'unknown-sender', 'sender-mismatch', 'replayed'];

/** Frame authentication for a cluster: the shared key and how long a tag is. */
export interface FrameAuthOptions {
  /** The cluster's shared secret, at least 32 random bytes: load it with `loadClusterKey` (file or environment). */
  readonly key: Uint8Array;
  /** Bytes of HMAC-SHA256 kept in each tag, 8–32. Default 16 (128 bits). */
  readonly tagBytes?: number;
}

/** Where a seal is valid: one cluster, one run of it, and the sealing node's incarnation. */
export interface SealScope {
  /** The cluster's name (NATS: its subject token): a batch sealed for `lab` fails in `lab2`. */
  readonly cluster: string;
  /** A nonce the controller draws per run (the simulator: from the seed): a batch from one run fails in the next. */
  readonly run: Uint8Array;
  /** The sealing node's incarnation: a restarted sender starts a fresh sequence, its older ones are refused. */
  readonly incarnation: number;
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

/** What a receiver remembers of one sender: its incarnation and the window over its numbers. */
interface SenderState {
  incarnation: number;
  readonly window: ReplayWindow;
}

/**
 * Seals and opens the units crossing a link with a keyed MAC (HMAC-SHA256, truncated) and a
 * per-link sequence number. Senders must be `members` of the cluster; every byte that arrives is
 * checked before it is decoded. One instance per node (it keeps the node's send counters and its
 * receive windows); the simulator's one instance keeps them per directed link.
 */
export class FrameAuth {
  readonly tagBytes: number;
  private readonly key: Uint8Array;
  private readonly members: ReadonlySet<string>;
  private readonly scope: SealScope;
  private readonly scopeBytes: Uint8Array;
  private readonly sent = new Map<string, number>();
  private readonly seen = new Map<string, SenderState>();

  constructor(options: FrameAuthOptions, members: Iterable<string>, scope: SealScope = { cluster: '', run: new Uint8Array(0), incarnation: 0 }) {
    if (!(options.key instanceof Uint8Array)) throw new ConfigError('auth.key', options.key, 'must be the key bytes (loadClusterKey reads them from a file or the environment)');
    const weak = keyWeakness(options.key);
    if (weak !== undefined) throw new ConfigError('auth.key', `${options.key.length} bytes`, `${weak}; ${MAKE_KEY_HINT}`);
    this.key = options.key;
    this.tagBytes = requireInteger('auth.tagBytes', options.tagBytes ?? FRAME_AUTH_DEFAULTS.tagBytes, 8, 32);
    this.members = new Set(members);
    requireInteger('auth incarnation', scope.incarnation, 0, 0xffff_ffff);
    this.scope = scope;
    const cluster = encoder.encode(scope.cluster);
    this.scopeBytes = Buffer.concat([DOMAIN, Uint8Array.of(cluster.length), cluster, Uint8Array.of(scope.run.length), scope.run]);
  }

  /** Whether `node` may send frames in this cluster. */
  isMember(node: string): boolean {
    return this.members.has(node);
  }

  /** The truncated tag of `body` on the link from → to, numbered `seq` by incarnation `incarnation` of the sender. */
  tag(from: string, to: string, body: Uint8Array, incarnation = 0, seq = 0): Uint8Array {
    const f = encoder.encode(from);
    const t = encoder.encode(to);
    const mac = createHmac('sha256', this.key).update(this.scopeBytes).update(Uint8Array.of(f.length)).update(f)
      .update(Uint8Array.of(t.length)).update(t).update(numbering(incarnation, seq)).update(body).digest();
    return new Uint8Array(mac.buffer, mac.byteOffset, this.tagBytes);
  }

  /** Whether `tag` is the tag of `body` on from → to (constant-time comparison). */
  verify(from: string, to: string, body: Uint8Array, tag: Uint8Array, incarnation = 0, seq = 0): boolean {
    if (tag.length !== this.tagBytes) return false;
    return timingSafeEqual(this.tag(from, to, body, incarnation, seq), tag);
  }

  /** The sealed form of `body` sent by `from` to `to`: numbered with the link's next sequence number. */
  seal(from: string, to: string, body: Uint8Array): Uint8Array {
    const f = encoder.encode(from);
    if (f.length > 255) throw new ConfigError('sender', from, 'must be at most 255 bytes of UTF-8');
    const link = `${from}\0${to}`;
    const seq = this.sent.get(link) ?? 0;
    this.sent.set(link, seq + 1);
    const incarnation = this.scope.incarnation;
    const out = new Uint8Array(4 + f.length + SEQ_BYTES + this.tagBytes + body.length);
    out[0] = SEAL_MAGIC;
    out[1] = SEAL_VERSION;
    out[2] = this.tagBytes;
    out[3] = f.length;
    out.set(f, 4);
    out.set(numbering(incarnation, seq), 4 + f.length);
    out.set(this.tag(from, to, body, incarnation, seq), 4 + f.length + SEQ_BYTES);
    out.set(body, 4 + f.length + SEQ_BYTES + this.tagBytes);
    return out;
  }

  /**
   * Checks a unit that arrived at `to`, before anything in it is decoded: sealed, by a member,
   * with the right tag, and fresh (not a number this receiver saw from that sender's incarnation,
   * not older than its window, not from an older incarnation). Never throws.
   */
  open(bytes: Uint8Array, to: string): Opened {
    const parsed = unseal(bytes);
    if (!parsed.ok) return parsed;
    const { from, incarnation, seq } = parsed;
    if (!this.members.has(from)) return { ok: false, reason: 'unknown-sender', from, detail: `sender '${from}' is not a node of this cluster` };
    if (!this.verify(from, to, parsed.body, parsed.tag, incarnation, seq)) {
      return { ok: false, reason: 'bad-mac', from, detail: `the MAC does not match (claimed sender '${from}'; sealed for another key, cluster, run or link?)` };
    }
    const link = `${from}\0${to}`;
    let state = this.seen.get(link);
    if (state !== undefined && incarnation < state.incarnation) {
      return { ok: false, reason: 'replayed', from, detail: `from incarnation ${incarnation} of '${from}', which runs ${state.incarnation} now` };
    }
    if (state === undefined || incarnation > state.incarnation) {
      state = { incarnation, window: new ReplayWindow() };
      this.seen.set(link, state);
    }
    const stale = state.window.check(seq);
    if (stale !== undefined) {
      return { ok: false, reason: 'replayed', from, detail: `number ${seq} from '${from}' ${stale === 'replayed' ? 'was seen before' : `is older than the last ${state.window.size}`}` };
    }
    state.window.commit(seq);
    return { ok: true, from, body: parsed.body };
  }
}

/** The incarnation (u32) and sequence number (u64, below 2^53) as the 12 bytes a seal carries. */
function numbering(incarnation: number, seq: number): Uint8Array {
  const out = new Uint8Array(SEQ_BYTES);
  const view = new DataView(out.buffer);
  view.setUint32(0, incarnation >>> 0);
  view.setUint32(4, Math.floor(seq / 2 ** 32));
  view.setUint32(8, seq >>> 0);
  return out;
}

/** Parses a seal without checking it: for receivers without a key (auth off), which read sealed units too. */
export function unseal(bytes: Uint8Array):
  | { readonly ok: true; readonly from: string; readonly incarnation: number; readonly seq: number; readonly tag: Uint8Array; readonly body: Uint8Array }
  | { readonly ok: false; readonly reason: FrameRejectReason; readonly from: undefined; readonly detail: string } {
  if (!isSealed(bytes)) return { ok: false, reason: 'missing-mac', from: undefined, detail: 'the frame carries no MAC' };
  if (bytes.length < 4 || bytes[1] !== SEAL_VERSION) {
    return { ok: false, reason: 'bad-mac', from: undefined, detail: `seal version ${String(bytes[1])}, expected ${SEAL_VERSION}` };
  }
  const tagBytes = bytes[2] as number;
  const fromLength = bytes[3] as number;
  const numberAt = 4 + fromLength;
  const bodyAt = numberAt + SEQ_BYTES + tagBytes;
  if (bodyAt > bytes.length) return { ok: false, reason: 'bad-mac', from: undefined, detail: 'the seal overruns the frame' };
  let from: string;
  try {
    from = decoder.decode(bytes.subarray(4, numberAt));
  } catch {
    return { ok: false, reason: 'bad-mac', from: undefined, detail: 'the sender in the seal is not valid UTF-8' };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + numberAt, SEQ_BYTES);
  const incarnation = view.getUint32(0);
  const seq = view.getUint32(4) * 2 ** 32 + view.getUint32(8);
  return { ok: true, from, incarnation, seq, tag: bytes.subarray(numberAt + SEQ_BYTES, bodyAt), body: bytes.subarray(bodyAt) };
}
