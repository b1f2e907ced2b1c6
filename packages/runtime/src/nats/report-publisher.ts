import type { NatsConnection } from '@nats-io/transport-node';
import { describeValue } from '@faultline/core';
import { packValue } from '@faultline/transport';
import type { NatsReport } from './protocol.ts';

/** Collects a node's reports (events, logs) and publishes them once per turn as one msgpack array. */
export class ReportPublisher {
  private queue: NatsReport[] = [];
  private scheduled = false;
  private readonly nc: NatsConnection;
  private readonly subject: string;

  constructor(nc: NatsConnection, subject: string) {
    this.nc = nc;
    this.subject = subject;
  }

  push(report: NatsReport): void {
    this.queue.push(report);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.flush);
  }

  readonly flush = (): void => {
    this.scheduled = false;
    const queue = this.queue;
    if (queue.length === 0 || this.nc.isClosed()) return;
    this.queue = [];
    let bytes: Uint8Array;
    try {
      bytes = packValue(queue);
    } catch {
      // A log record carried data msgpack refuses (a function, say): send it as text.
      bytes = packValue(queue.map((r) => (r.t === 'log' && r.record.data !== undefined ? { t: 'log', record: { ...r.record, data: describeValue(r.record.data) } } : r)));
    }
    try {
      this.nc.publish(this.subject, bytes.slice());
    } catch {
      // The connection is closing; the reports are lost with it.
    }
  };
}
