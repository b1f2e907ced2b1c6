import { FaultlineError, formatAddress, type Envelope } from '@faultline/core';
import { encodeEnvelope } from '@faultline/transport';
import { TraceHash, traceLine, type MessageTraceEvent } from '../trace.ts';

/**
 * Records the simulation's message events when asked to: feeds each to an order-sensitive hash
 * (equal hashes, identical runs) and to an optional callback (e.g. a JSONL writer). Off, it costs
 * one branch per event.
 */
export class SimTracer {
  readonly enabled: boolean;
  private readonly hash = new TraceHash();
  private readonly onTrace: ((event: MessageTraceEvent, envelope: Envelope) => void) | undefined;
  private readonly now: () => number;

  constructor(now: () => number, enabled: boolean, onTrace?: (event: MessageTraceEvent, envelope: Envelope) => void) {
    this.now = now;
    this.enabled = enabled || onTrace !== undefined;
    this.onTrace = onTrace;
  }

  record(ev: MessageTraceEvent['ev'], envelope: Envelope, reason?: string): void {
    if (!this.enabled) return;
    const event: MessageTraceEvent = {
      t: this.now(), ev, from: envelope.from.node, to: envelope.to.node,
      src: formatAddress(envelope.from), dst: formatAddress(envelope.to), kind: envelope.kind, id: envelope.id,
      bytes: encodeEnvelope(envelope).length,
      ...(reason === undefined ? {} : { reason }),
    };
    this.hash.update(traceLine(event));
    this.onTrace?.(event, envelope);
  }

  digest(): string {
    if (!this.enabled) throw new FaultlineError('trace-off', 'traceHash() needs the simulation to be created with trace: true (or an onTrace callback)');
    return this.hash.digest();
  }
}
