// Planted protocols (chapter 19): bugs that need one message overtaken by a retry sent a retry
// timeout later, which random seeds of `faultline test` miss and a search finds, each with a correct twin.
export * from './stale-replicate.ts';
export * from './stale-release.ts';
