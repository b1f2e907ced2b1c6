import type { FrameRejectReason } from '@faultline/core';
import type { FrameAuthOptions } from '@faultline/transport';
import { ControlChannel, freshNonce, helloProof, MAX_PENDING_SESSIONS, requestSession, sessionOf } from './control-seal.ts';

/** A control request as the node's session table judged it: the body and the session it came in, or why not. */
export type OpenedRequest =
  | { readonly ok: true; readonly body: Uint8Array; readonly channel: ControlChannel }
  | { readonly ok: false; readonly reason: FrameRejectReason; readonly detail: string };

/**
 * A keyed node's control sessions. Every hello offers a new session (the controller's challenge
 * and a fresh nonce), kept pending — at most MAX_PENDING_SESSIONS, oldest forgotten first, so a
 * flood of pings costs a bounded table. The first authentic request in a pending session makes it
 * the current one and forgets every other: one controller at a time, and what was captured in an
 * earlier session no longer opens. Only a holder of the key can take the node over.
 */
export class NodeControlSessions {
  private readonly pending: ControlChannel[] = [];
  private active: ControlChannel | undefined;
  private readonly options: FrameAuthOptions;
  private readonly cluster: string;
  private readonly node: string;

  constructor(options: FrameAuthOptions, cluster: string, node: string) {
    this.options = options;
    this.cluster = cluster;
    this.node = node;
  }

  /** The session replies and reports go out in (undefined until a controller has authenticated). */
  get current(): ControlChannel | undefined {
    return this.active;
  }

  /** Answers a ping's challenge: a new pending session and the proof that this node holds the key. */
  hello(challenge: Uint8Array): { readonly nonce: Uint8Array; readonly proof: Uint8Array } {
    const nonce = freshNonce();
    this.pending.push(new ControlChannel(this.options, this.cluster, this.node, sessionOf(challenge, nonce)));
    if (this.pending.length > MAX_PENDING_SESSIONS) this.pending.shift();
    return { nonce, proof: helloProof(this.options.key, this.cluster, this.node, challenge, nonce) };
  }

  /** Opens a request: sealed, in a session this node offered, authentic and fresh. Never throws. */
  open(bytes: Uint8Array): OpenedRequest {
    const id = requestSession(bytes);
    if (id === undefined) return { ok: false, reason: 'missing-mac', detail: 'the request is not sealed, and this node holds a cluster key' };
    const channel = this.find(id);
    if (channel === undefined) return { ok: false, reason: 'bad-mac', detail: 'the request names a session this node did not offer (or has left): from another run or controller?' };
    const opened = channel.openRequest(bytes);
    if (!opened.ok) return { ok: false, reason: opened.reason, detail: opened.detail };
    if (channel !== this.active) {
      this.active = channel;
      this.pending.length = 0;
    }
    return { ok: true, body: opened.body, channel };
  }

  private find(id: Uint8Array): ControlChannel | undefined {
    const matches = (c: ControlChannel): boolean => Buffer.compare(c.session.subarray(c.session.length - id.length), id) === 0;
    if (this.active !== undefined && matches(this.active)) return this.active;
    return this.pending.find(matches);
  }
}
