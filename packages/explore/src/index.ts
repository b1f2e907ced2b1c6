export * from './spec.ts';
export * from './choice.ts';
export * from './result.ts';
export * from './world.ts';
export * from './explore.ts';
export * from './minimize.ts';
export * from './load.ts';
export * from './record.ts';
