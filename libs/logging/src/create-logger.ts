import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { GatheredLines } from './gathered-lines';
import { isoTimeOfEachSecond } from './iso-time-of-each-second';

export type { Logger } from 'pino';

export interface LoggerOptions {
  readonly level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly format: 'json' | 'pretty';
  /** Where lines go (tests capture them); stdout otherwise. */
  readonly destination?: DestinationStream;
}

function prettyLines(): DestinationStream {
  return pretty({
    sync: true,
    colorize: process.stdout.isTTY,
    ignore: 'pid,hostname,name,context',
    messageFormat: '{if context}{context}: {end}{msg}',
    translateTime: 'SYS:HH:MM:ss.l',
  });
}

/**
 * Buffered: one write(2) per 4 KiB of lines (about 25 request lines) instead of one per line, at most 250 ms
 * late (GatheredLines: sonic-boom's own buffer costs more per line). Written synchronously, on this thread:
 * the asynchronous mode's trips through libuv's pool cost 8.3 µs a line against 4.6 (median of 8 interleaved
 * rounds of 100,000 lines), and a collector that stops reading then holds the server back (pino's default)
 * instead of letting unwritten lines pile up in memory. pino flushes only an asynchronous destination at
 * exit, so what is still gathered is written here.
 */
function bufferedStdout(): DestinationStream {
  const destination = new GatheredLines(pino.destination({ dest: 1, sync: true }));
  process.once('exit', () => {
    try {
      destination.flushSync();
    } catch {
      // stdout is gone (EPIPE): nowhere left to write
    }
  });
  return destination;
}

/**
 * The one logger of a keyward process: JSON lines for collectors, readable lines for people. Callers log
 * chosen fields only; the redaction below is a second line of defence, should a header or form ever be logged.
 */
export function createLogger(options: LoggerOptions, name: string): Logger {
  const destination = options.destination ?? (options.format === 'pretty' ? prettyLines() : bufferedStdout());
  return pino(
    {
      name,
      level: options.level,
      timestamp: isoTimeOfEachSecond(),
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
