import type { MessagePort } from 'node:worker_threads';
import { describeValue } from '@faultline/core';
import { TurnBatch } from '../turn-batch.ts';
import type { WorkerReport } from '../host/protocol.ts';

/** Collects a worker's reports and posts them to the controller once per turn, as one array. */
export class ReportSink extends TurnBatch<WorkerReport> {
  constructor(port: MessagePort) {
    super((queue) => {
      try {
        port.postMessage(queue);
      } catch {
        // Some log record carried data that cannot be cloned (a function, say): send it as text.
        port.postMessage(queue.map(cloneable));
      }
    });
  }
}

function cloneable(report: WorkerReport): WorkerReport {
  if (report.t !== 'log' || report.record.data === undefined) return report;
  try {
    structuredClone(report.record.data);
    return report;
  } catch {
    return { t: 'log', record: { ...report.record, data: describeValue(report.record.data) } };
  }
}
