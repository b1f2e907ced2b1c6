import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { cloneEncodable, packValue, unpackRange } from '@faultline/transport';
import type { DurableStorage } from '@faultline/core';

/**
 * A worker node's stable storage: an append-only log file (one base64 msgpack record per line)
 * replayed when the node starts. A worker that crashes or is terminated loses its memory but
 * not this file, as a process loses its heap but not its disk. Writes are synchronous (durable
 * against the worker dying; not fsynced against the machine dying).
 */
export class FileStorage implements DurableStorage {
  private readonly data = new Map<string, unknown>();
  private readonly file: string;

  constructor(file: string) {
    this.file = file;
    if (!existsSync(file)) return;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      const record = Buffer.from(line, 'base64');
      const [op, key, value] = unpackRange(record, 0, record.length, `storage record in ${file}`) as ['set' | 'delete', string, unknown];
      if (op === 'set') this.data.set(key, value);
      else this.data.delete(key);
    }
  }

  get<T = unknown>(key: string): T | undefined {
    const value = this.data.get(key);
    return value === undefined ? undefined : cloneEncodable(value as T);
  }

  set(key: string, value: unknown): void {
    const copy = cloneEncodable(value);
    this.append(['set', key, copy]);
    this.data.set(key, copy);
  }

  delete(key: string): void {
    if (!this.data.has(key)) return;
    this.append(['delete', key, null]);
    this.data.delete(key);
  }

  keys(prefix = ''): string[] {
    return [...this.data.keys()].filter((k) => k.startsWith(prefix));
  }

  private append(record: unknown[]): void {
    appendFileSync(this.file, `${Buffer.from(packValue(record)).toString('base64')}\n`);
  }
}
