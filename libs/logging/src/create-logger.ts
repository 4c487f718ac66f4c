import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

export interface LoggerOptions {
  readonly level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly format: 'json' | 'pretty';
  /** Where lines go (tests capture them); stdout otherwise. */
  readonly destination?: DestinationStream;
}

/**
 * The one logger of a keyward process: JSON lines for collectors, readable lines for people. Callers log
 * chosen fields only; the redaction below is a second line of defence, should a header or form ever be logged.
 */
export function createLogger(options: LoggerOptions, name: string): Logger {
  const destination =
    options.destination ??
    (options.format === 'pretty'
      ? pretty({
          sync: true,
          colorize: process.stdout.isTTY,
          ignore: 'pid,hostname,name,context',
          messageFormat: '{if context}{context}: {end}{msg}',
          translateTime: 'SYS:HH:MM:ss.l',
        })
      : // Buffered and written in the background: one write(2) per 4 KiB of lines (about 25 request lines)
        // instead of one per line, at most 250 ms late. pino flushes what is left when the process exits.
        pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 250 }));
  return pino(
    {
      name,
      level: options.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: [
          'authorization',
          '*.authorization',
          '*.headers.authorization',
          'client_secret',
          '*.client_secret',
          'clientSecret',
          '*.clientSecret',
          'client_assertion',
          '*.client_assertion',
          'token',
          '*.token',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
