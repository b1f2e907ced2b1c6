import type { NatsConnection } from '@nats-io/transport-node';
import { describeValue } from '@faultline/core';
import { packValue } from '@faultline/transport';
import { TurnBatch } from '../turn-batch.ts';
import type { NatsReport } from './protocol.ts';

/** Collects a node's reports (events, logs) and publishes them once per turn as one msgpack array. */
export class ReportPublisher extends TurnBatch<NatsReport> {
  constructor(nc: NatsConnection, subject: string) {
    super((queue) => {
      // A closed connection loses the reports with it.
      if (nc.isClosed()) return;
      let bytes: Uint8Array;
      try {
        bytes = packValue(queue);
      } catch {
        // A log record carried data msgpack refuses (a function, say): send it as text.
        bytes = packValue(queue.map((r) => (r.t === 'log' && r.record.data !== undefined ? { t: 'log', record: { ...r.record, data: describeValue(r.record.data) } } : r)));
      }
      try {
        nc.publish(subject, bytes.slice());
      } catch {
        // The connection is closing; the reports are lost with it.
      }
    });
  }
}
