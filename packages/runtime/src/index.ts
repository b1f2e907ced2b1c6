export * from './cluster.ts';
export * from './config.ts';
export * from './trace.ts';
export * from './sim/simulation.ts';
export * from './sim/virtual-scheduler.ts';
export * from './sim/event-queue.ts';
export * from './sim/sim-node.ts';
export * from './sim/fixed-latency.ts';
