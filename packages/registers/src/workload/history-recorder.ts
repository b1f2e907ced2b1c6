import type { JsonValue } from '@faultline/checker';
import { Recorder, type Invocation } from '@faultline/history';

/**
 * The register workload's recorder: `@faultline/history`'s `Recorder`, which also accepts the
 * older read/write form `invoke(process, f, key, value)`. For any other API use `Recorder`.
 */
export class HistoryRecorder extends Recorder {
  /** Records that `process` invokes an operation: `invoke(p, {f, key, value})` or `invoke(p, 'write', key, value)`. */
  override invoke(process: number, op: Invocation): void;
  override invoke(process: number, f: 'read' | 'write', key: string, value: JsonValue): void;
  override invoke(process: number, op: Invocation | 'read' | 'write', key?: string, value?: JsonValue): void {
    super.invoke(process, typeof op === 'string' ? { f: op, ...(key === undefined ? {} : { key }), value: value ?? null } : op);
  }
}
