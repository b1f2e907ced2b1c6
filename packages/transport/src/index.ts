export * from './wire/codec.ts';
export * from './wire/encodable.ts';
export * from './wire/frame-batch.ts';
export * from './faults/link-layer.ts';
