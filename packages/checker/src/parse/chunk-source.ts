import { closeSync, constants, fstatSync, openSync, read } from 'node:fs';
import { Socket } from 'node:net';
import type { Deadline } from '../check/deadline.ts';

/** Bytes a named pipe may have delivered ahead of the reader before it is paused. */
const PIPE_AHEAD = 1 << 20;

/** Where a history's bytes come from, a chunk at a time: a file, a device, or a named pipe. */
export interface ChunkSource {
  /** Reads up to `length` bytes into `buffer` at `offset`; 0 at the end. Rejects with `onTimeout()` once `deadline` passes. */
  read(buffer: Buffer, offset: number, length: number, deadline: Deadline | undefined, onTimeout: () => Error): Promise<number>;
  close(): void;
}

/**
 * Opens a history for reading without ever blocking the process: opened non-blocking (a named pipe
 * with no writer does not hang `open`), and a named pipe is read through the event loop rather than a
 * thread-pool read that nothing can cancel, so `--timeout-ms` holds on a pipe that never writes
 * (issue 21). Throws the file system's error (with its `code`) when the path cannot be opened.
 */
export function openChunkSource(path: string): ChunkSource {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    return fstatSync(fd).isFIFO() ? new PipeSource(fd) : new FileSource(fd);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

class FileSource implements ChunkSource {
  private readonly fd: number;
  constructor(fd: number) {
    this.fd = fd;
  }

  read(buffer: Buffer, offset: number, length: number): Promise<number> {
    return new Promise((resolve, reject) => read(this.fd, buffer, offset, length, null, (error, bytes) => (error ? reject(error) : resolve(bytes))));
  }

  close(): void {
    closeSync(this.fd);
  }
}

class PipeSource implements ChunkSource {
  private readonly socket: Socket;
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(fd: number) {
    this.socket = new Socket({ fd, readable: true, writable: false });
    this.socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      if (this.buffered > PIPE_AHEAD) this.socket.pause();
      this.wake?.();
    });
    this.socket.on('end', () => { this.ended = true; this.wake?.(); });
    this.socket.on('error', (error) => { this.failure = error; this.wake?.(); });
  }

  async read(buffer: Buffer, offset: number, length: number, deadline: Deadline | undefined, onTimeout: () => Error): Promise<number> {
    while (this.chunks.length === 0 && !this.ended && this.failure === undefined) await this.next(deadline, onTimeout);
    if (this.failure !== undefined) throw this.failure;
    let copied = 0;
    while (copied < length && this.chunks.length > 0) {
      const chunk = this.chunks[0] as Buffer;
      const n = Math.min(chunk.length, length - copied);
      chunk.copy(buffer, offset + copied, 0, n);
      copied += n;
      if (n === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(n);
    }
    this.buffered -= copied;
    if (this.buffered <= PIPE_AHEAD) this.socket.resume();
    return copied;
  }

  /** Waits for the pipe to say something, or rejects once the deadline passes. */
  private next(deadline: Deadline | undefined, onTimeout: () => Error): Promise<void> {
    return new Promise((resolve, reject) => {
      const left = deadline === undefined || deadline.at === Infinity ? undefined : Math.max(0, deadline.at - deadline.clock());
      const timer = left === undefined ? undefined : setTimeout(() => { this.wake = undefined; reject(onTimeout()); }, left);
      this.wake = () => {
        if (timer !== undefined) clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  close(): void {
    this.socket.destroy();
  }
}
