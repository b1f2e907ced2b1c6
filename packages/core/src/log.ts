/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One log line as data, so runtimes can forward and print it. */
export interface LogRecord {
  readonly level: LogLevel;
  /** Who logged: `name@node`, or `node` for node-level lines. */
  readonly source: string;
  /** The node's own clock at the time. */
  readonly time: number;
  readonly message: string;
  readonly data?: unknown;
}

/** A logger bound to one actor or node. */
export interface Logger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

/** Builds a logger that hands records to a sink. */
export function createLogger(source: string, now: () => number, sink: (record: LogRecord) => void): Logger {
  const at = (level: LogLevel) => (message: string, data?: unknown) =>
    sink(data === undefined ? { level, source, time: now(), message } : { level, source, time: now(), message, data });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
