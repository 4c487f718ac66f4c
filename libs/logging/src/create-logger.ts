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
      : // Written in the background, so a request does not wait for a write(2); lines written while one is
        // in flight go out together. pino flushes what is left synchronously when the process exits.
        pino.destination({ dest: 1, sync: false }));
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
