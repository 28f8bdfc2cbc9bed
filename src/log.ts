import { pino } from 'pino';

/** Structured one-line logs. Passed in as a dependency so tests can silence or capture them. */
export interface Log {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;
/** `text`: a readable line (the default, for a terminal); `json`: one JSON object per line, for collectors. */
export type LogFormat = 'text' | 'json';

/**
 * The process log. `text` writes `<time> <LEVEL> msg {fields}`; `json` (LOG_FORMAT=json) writes one
 * JSON object per line through pino — `time` (ISO 8601), `level`, `msg`, `pid`, `hostname`, then the
 * fields (`requestId` on lines about a request) — so a log collector needs no parsing rules.
 */
export function createLog(
  level: LogLevel = 'info',
  write: (line: string) => void = (l) => process.stderr.write(l + '\n'),
  format: LogFormat = 'text',
): Log {
  if (format === 'json') {
    return jsonLog(level, write);
  }
  const min = LEVELS[level];
  const emit = (lvl: LogLevel) => (msg: string, fields?: Record<string, unknown>) => {
    if (LEVELS[lvl] < min) {
      return;
    }
    const extra = fields && Object.keys(fields).length ? ' ' + JSON.stringify(fields) : '';
    write(`${new Date().toISOString()} ${lvl.toUpperCase().padEnd(5)} ${msg}${extra}`);
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

function jsonLog(level: LogLevel, write: (line: string) => void): Log {
  const logger = pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // pino hands over each entry as one line ending in "\n"; `write` adds its own.
    { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) },
  );
  const emit = (lvl: LogLevel) => (msg: string, fields?: Record<string, unknown>) =>
    fields ? logger[lvl](fields, msg) : logger[lvl](msg);
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };
