import { Writable } from 'node:stream';
import pino from 'pino';
import { lazyRequestLogger } from './lazy-request-logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')));
      done();
    },
  });
  return { lines, logger: pino({ level: 'info', redact: ['secret'] }, destination) };
}

describe('lazyRequestLogger', () => {
  it('makes the child on its first line only, and that line carries the request binding and the parent redaction', () => {
    const { lines, logger } = capture();
    const child = jest.spyOn(logger, 'child');
    const requestLogger = lazyRequestLogger(logger, { correlationId: 'c-1' }, {});
    expect(requestLogger.level).toBe('info');
    expect(child).not.toHaveBeenCalled();
    requestLogger.warn({ secret: 'kw_cs_x' }, 'reply already sent');
    requestLogger.error('second');
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines).toMatchObject([
      { level: 40, correlationId: 'c-1', secret: '[Redacted]', msg: 'reply already sent' },
      { level: 50, correlationId: 'c-1', msg: 'second' },
    ]);
  });

  it('honours a level set on it, as a pino child does', () => {
    const { lines, logger } = capture();
    const child = jest.spyOn(logger, 'child');
    const requestLogger = lazyRequestLogger(logger, { correlationId: 'c-2' }, {});
    requestLogger.info('fine');
    expect(lines).toHaveLength(1);
    requestLogger.level = 'error';
    requestLogger.info('dropped');
    expect(lines).toHaveLength(1);
    expect(child).toHaveBeenCalledTimes(1);
  });
});
