import { closeSync, constants, ftruncateSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { createRng, type DiskFault } from '@faultline/core';
import { MAGIC } from './record.ts';

/** The disk faults a worker or NATS node's file storage takes (every one the simulator's disk model takes). */
export type RealDiskFault = DiskFault;

/** How long each fsync waits first while a `slow` fault holds: the simulator's slow-disk median. */
export const SLOW_SYNC_MS = 50;

/** What a fault needs of the storage it hits. */
export interface DiskFaultSite {
  readonly fd: number;
  readonly file: string;
  readonly fileBytes: number;
  /** The log's length the last fsync covered. */
  readonly syncedBytes: number;
  setSlowMs(ms: number): void;
  /** The file was cut back to `bytes`: the storage closes (its node is about to crash). */
  cutTo(bytes: number): void;
}

/**
 * Applies a disk fault to a real node's log, as the simulator's disk model does to its own:
 * `lose-unsynced` cuts the file back to what the last fsync covered (what a power cut would leave
 * of the page cache) and closes the storage — the controller then crashes the node; `corrupt` flips
 * one seeded byte after the header (found by the record checksum at the next start: the node starts
 * from the records before it and reports `storage-damaged`, never a wrong value); `slow` makes each
 * fsync wait `SLOW_SYNC_MS` first, until `fast`.
 */
export function injectDiskFault(fault: RealDiskFault, seed: number, site: DiskFaultSite): void {
  switch (fault) {
    case 'lose-unsynced':
      ftruncateSync(site.fd, site.syncedBytes);
      fsyncSync(site.fd);
      site.cutTo(site.syncedBytes);
      return;
    case 'corrupt': {
      if (site.fileBytes <= MAGIC.length) return;
      const at = MAGIC.length + createRng(seed).int(site.fileBytes - MAGIC.length);
      // The log's own descriptor appends (O_APPEND ignores a position): the byte goes through one opened for it.
      const fd = openSync(site.file, constants.O_RDWR | constants.O_NOFOLLOW);
      try {
        const byte = Buffer.alloc(1);
        readSync(fd, byte, 0, 1, at);
        byte[0] = (byte[0] as number) ^ 0xff;
        writeSync(fd, byte, 0, 1, at);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return;
    }
    case 'slow':
      site.setSlowMs(SLOW_SYNC_MS);
      return;
    case 'fast':
      site.setSlowMs(0);
      return;
    default: {
      const never: never = fault;
      throw new Error(`unhandled disk fault ${String(never)}`);
    }
  }
}
