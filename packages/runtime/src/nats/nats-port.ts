import type { NatsConnection } from '@nats-io/transport-node';
import type { PeerPort } from '../host/link/mesh.ts';

/**
 * A mesh link to a peer over NATS: each batch is one message published on the peer's data subject.
 * Arriving batches come through the node's own subscription (`Mesh.receive`), so this port never
 * emits 'message'. Publishing while the server is away is buffered by the client and flushed on
 * reconnect (or lost with the connection): the network, as the fault layer sees it, is the real one.
 */
export class NatsPeerPort implements PeerPort {
  private readonly nc: NatsConnection;
  private readonly subject: string;
  private onClose: (() => void) | undefined;
  private open = true;

  constructor(nc: NatsConnection, subject: string) {
    this.nc = nc;
    this.subject = subject;
  }

  postMessage(batch: Uint8Array): void {
    if (!this.open || this.nc.isClosed()) return;
    try {
      this.nc.publish(this.subject, batch);
    } catch {
      // A connection closing under us: the batch is lost, as on a link that went down.
    }
  }

  on(event: 'message' | 'close', listener: (() => void) | ((data: unknown) => void)): this {
    if (event === 'close') this.onClose = listener as () => void;
    return this;
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.onClose?.();
  }
}
