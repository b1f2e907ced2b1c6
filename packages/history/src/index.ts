// @faultline/history: record a Jepsen-style history around any ask, for the checker.
export type { Completion } from './completion.ts';
export { completionOf } from './completion.ts';
export { RecorderError } from './errors.ts';
export type { Invocation, ReplyValue } from './recorder.ts';
export { Recorder } from './recorder.ts';
export { RecordingClient } from './recording-client.ts';
