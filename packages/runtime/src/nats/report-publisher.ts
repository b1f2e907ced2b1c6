import type { NatsConnection } from '@nats-io/transport-node';
import { describeValue } from '@faultline/core';
import { packValue } from '@faultline/transport';
import { TurnBatch } from '../turn-batch.ts';
import type { NatsReport } from './protocol.ts';

/**
 * Collects a node's reports (events, logs) and publishes them once per turn as one msgpack array,
 * through `seal` (a keyed node's control session: the controller refuses unsealed or forged reports;
 * `seal` returning undefined drops the batch, as before any controller has authenticated).
 */
export class ReportPublisher extends TurnBatch<NatsReport> {
  constructor(nc: NatsConnection, subject: string, seal: (bytes: Uint8Array) => Uint8Array | undefined = (bytes) => bytes) {
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
      const sealed = seal(bytes.slice());
      if (sealed === undefined) return;
      try {
        nc.publish(subject, sealed);
      } catch {
        // The connection is closing; the reports are lost with it.
      }
    });
  }
}
