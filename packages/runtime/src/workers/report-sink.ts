import type { MessagePort } from 'node:worker_threads';
import { describeValue } from '@faultline/core';
import type { WorkerReport } from './protocol.ts';

/** Collects a worker's reports and posts them to the controller once per turn, as one array. */
export class ReportSink {
  private readonly port: MessagePort;
  private queue: WorkerReport[] = [];
  private scheduled = false;

  constructor(port: MessagePort) {
    this.port = port;
  }

  push(report: WorkerReport): void {
    this.queue.push(report);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.flush);
  }

  /** Posts what is queued now (before a report that must not wait, like `fatal`). */
  readonly flush = (): void => {
    this.scheduled = false;
    const queue = this.queue;
    if (queue.length === 0) return;
    this.queue = [];
    try {
      this.port.postMessage(queue);
    } catch {
      // Some log record carried data that cannot be cloned (a function, say): send it as text.
      this.port.postMessage(queue.map(cloneable));
    }
  };
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
