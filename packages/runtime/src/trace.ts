import type { MessageTraceEvent } from '@faultline/transport';

export type { MessageTraceEvent };

/** An order-sensitive 64-bit hash (two FNV-1a lanes) of every line fed to it. */
export class TraceHash {
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193 ^ 0x5bd1e995;

  update(line: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    this.h1 = Math.imul(h1 ^ 0x0a, 0x01000193);
    this.h2 = h2;
  }

  digest(): string {
    return (this.h1 >>> 0).toString(16).padStart(8, '0') + (this.h2 >>> 0).toString(16).padStart(8, '0');
  }
}

/** Renders a trace event as one stable line (for hashing and for reading). */
export function traceLine(e: MessageTraceEvent): string {
  return `${e.t.toFixed(6)} ${e.ev} ${e.src}->${e.dst} ${e.kind}#${e.id} ${e.bytes}b${e.reason ? ` (${e.reason})` : ''}`;
}
