import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { FaultlineError, type FrameRejectReason } from '@faultline/core';
import { FrameAuth, type FrameAuthOptions, type Opened } from '@faultline/transport';
import { DRIVER_NODE } from '../cluster.ts';

/** Bytes of a session nonce: 128 bits, drawn fresh for every hello a node gives. */
export const SESSION_BYTES = 16;
/** Sessions a node offers (hellos given) but no request has used yet: the oldest is forgotten first. */
export const MAX_PENDING_SESSIONS = 16;
/** First byte of a sealed control request: `[0xC7][session][seal]` (plain msgpack never starts so). */
const REQUEST_MAGIC = 0xc7;
const HELLO_DOMAIN = Buffer.from('faultline-control-hello-v1\0');
const encoder = new TextEncoder();

/** A control request, reply or report refused as unauthentic: unsealed on a keyed node, forged, stale or replayed. */
export class ControlAuthError extends FaultlineError {
  readonly reason: FrameRejectReason;
  constructor(reason: FrameRejectReason, detail: string) {
    super('unauthenticated', `control message refused (${reason}): ${detail}`);
    this.reason = reason;
  }
}

/**
 * One controller–node session of the control plane: requests driver → node, replies and reports
 * node → driver, each sealed as data frames are (HMAC-SHA256 over the cluster, the session, both
 * ends and a per-direction sequence number, with the receiver's sliding window), so a captured
 * request is refused within the session (`replayed`) and in any other session, run or cluster
 * (`bad-mac`). The MAC's cluster field is `ctl.<cluster>`, which no data cluster can be: a data
 * frame never opens as control, nor the reverse. The session is the controller's challenge and the
 * node's nonce from the hello (a challenge–response, as in ssh's key exchange), so each side
 * contributes freshness and neither a restarted node nor a new controller accepts old messages.
 */
export class ControlChannel {
  readonly session: Uint8Array;
  readonly node: string;
  private readonly auth: FrameAuth;

  constructor(options: FrameAuthOptions, cluster: string, node: string, session: Uint8Array) {
    this.node = node;
    this.session = session;
    this.auth = new FrameAuth(options, [DRIVER_NODE, node], { cluster: `ctl.${cluster}`, run: session, incarnation: 0 });
  }

  /** The controller seals a request (with the node's nonce in front, so the node finds the session). */
  sealRequest(body: Uint8Array): Uint8Array {
    const sealed = this.auth.seal(DRIVER_NODE, this.node, body);
    const out = new Uint8Array(1 + SESSION_BYTES + sealed.length);
    out[0] = REQUEST_MAGIC;
    out.set(this.session.subarray(this.session.length - SESSION_BYTES), 1);
    out.set(sealed, 1 + SESSION_BYTES);
    return out;
  }

  /** The node opens a request's seal (after `requestSession` found this channel). */
  openRequest(bytes: Uint8Array): Opened {
    return this.auth.open(bytes.subarray(1 + SESSION_BYTES), this.node);
  }

  /** The node seals a reply or a report. */
  sealFromNode(body: Uint8Array): Uint8Array {
    return this.auth.seal(this.node, DRIVER_NODE, body);
  }

  /** The controller opens a reply or report; a wrong sender (another node's seal) fails as `bad-mac`. */
  openFromNode(bytes: Uint8Array): Opened {
    const opened = this.auth.open(bytes, DRIVER_NODE);
    if (opened.ok && opened.from !== this.node) return { ok: false, reason: 'sender-mismatch', from: opened.from, detail: `sealed by '${opened.from}', expected '${this.node}'` };
    return opened;
  }
}

/** Whether a control request is sealed, and the node nonce of its session (undefined: a plain request). */
export function requestSession(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length < 1 + SESSION_BYTES || bytes[0] !== REQUEST_MAGIC) return undefined;
  return bytes.subarray(1, 1 + SESSION_BYTES);
}

/** A fresh random challenge or session nonce. */
export function freshNonce(): Uint8Array {
  return new Uint8Array(randomBytes(SESSION_BYTES));
}

/** The node's proof in its hello that it holds the key: a MAC over the cluster, itself, the controller's challenge and its nonce. */
export function helloProof(key: Uint8Array, cluster: string, node: string, challenge: Uint8Array, nonce: Uint8Array): Uint8Array {
  const c = encoder.encode(cluster);
  const n = encoder.encode(node);
  return new Uint8Array(createHmac('sha256', key).update(HELLO_DOMAIN).update(Uint8Array.of(c.length)).update(c)
    .update(Uint8Array.of(n.length)).update(n).update(challenge).update(nonce).digest());
}

/** Checks a hello's proof in constant time. */
export function verifyHelloProof(key: Uint8Array, cluster: string, node: string, challenge: Uint8Array, nonce: Uint8Array, proof: unknown): boolean {
  if (!(proof instanceof Uint8Array) || proof.length !== 32) return false;
  return timingSafeEqual(helloProof(key, cluster, node, challenge, nonce), proof);
}

/** The session both ends use: the controller's challenge, then the node's nonce. */
export function sessionOf(challenge: Uint8Array, nonce: Uint8Array): Uint8Array {
  const out = new Uint8Array(challenge.length + nonce.length);
  out.set(challenge, 0);
  out.set(nonce, challenge.length);
  return out;
}
