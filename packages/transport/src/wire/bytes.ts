/** A DataView over an array's bytes, cached on the array as msgpackr caches its own (same property, so shared with it). */
export function viewOf(bytes: Uint8Array): DataView {
  const cached = bytes as Uint8Array & { dataView?: DataView };
  return (cached.dataView ??= new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** Copies src[start, end) to out at `at`: a plain loop for the short runs a batch is made of, `set` for long ones. */
export function copyBytes(out: Uint8Array, at: number, src: Uint8Array, start: number, end: number): void {
  if (end - start > 64) {
    out.set(src.subarray(start, end), at);
    return;
  }
  for (let i = start; i < end; i++) out[at++] = src[i] as number;
}
