/**
 * The layout of an envelope batch: everything one node sends another in one job, encoded once.
 *
 * `[u8 magic 0xFB][u8 version][u16 name count][u32 entries][u32 records length][u32 names length][u32 values length]`
 * `[records][names][values]`
 *
 * - records, one per entry in send order: an envelope
 *   `[u8 flags][u16 × 4 name indexes: from node, from actor, to node, to actor][f64 id][f64 replyTo?]`
 *   `[f64 lamport, f64 hlc.l, u16 hlc.c — when stamped]`, or a raw frame `[u8 RAW][u32 length][frame]`
 *   (a frame the network model read or altered, decoded on its own so a bad one is dropped alone);
 * - names: the batch's distinct node and actor names, `[u8 length][UTF-8]` each, indexed by records;
 * - values: one msgpack array holding each envelope's payload, then its vector clock when it has one.
 *
 * Numbers are little-endian. A batch starts with 0xFB, which no plain {@link FrameBatch} can (its first
 * byte is the top byte of a big-endian u32 frame length), so a receiver tells the two apart.
 */
export const BATCH_MAGIC = 0xfb;
/** Envelope batch format version, the second byte; a batch with another is malformed. */
export const BATCH_VERSION = 1;
/** Bytes of the batch header. */
export const BATCH_HEADER = 20;
/** Most distinct names one batch can index. */
export const MAX_BATCH_NAMES = 0xffff;

/** Record flags: the low two bits are the envelope kind (an index into KIND_CODES). */
export const KIND_MASK = 0x03;
export const HAS_REPLY_TO = 0x10;
export const HAS_STAMPS = 0x20;
export const HAS_VC = 0x40;
/** A record holding a raw, separately encoded frame rather than an envelope. */
export const RAW_FRAME = 0x80;
/** Flag bits an envelope record may carry; any other bit set makes the batch malformed. */
export const ENVELOPE_FLAGS = KIND_MASK | HAS_REPLY_TO | HAS_STAMPS | HAS_VC;

/** Record bytes: flags and name indexes, then the id. */
export const RECORD_BASE = 1 + 2 * 4 + 8;
/** Extra record bytes for a reply's ask id. */
export const RECORD_REPLY_TO = 8;
/** Extra record bytes for Lamport and HLC stamps. */
export const RECORD_STAMPS = 8 + 8 + 2;
/** Bytes before a raw frame's content: flag and length. */
export const RAW_PREFIX = 1 + 4;

/** Envelope kinds in code order. */
export const KIND_CODES = ['tell', 'ask', 'reply', 'fail'] as const;

/** True when `bytes` is (or claims to be) an envelope batch rather than a plain frame list. */
export function isEnvelopeBatch(bytes: Uint8Array): boolean {
  return bytes.length > 0 && bytes[0] === BATCH_MAGIC;
}
