import { createLogger } from './create-logger';
import { PinoNestLogger } from './pino-nest-logger';

describe('PinoNestLogger', () => {
  const capture = () => {
    const lines: string[] = [];
    const logger = new PinoNestLogger(
      createLogger({ level: 'info', format: 'json', destination: { write: (line: string) => void lines.push(line) } }, 'spec'),
    );
    return { logger, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
  };

  it('keeps Nest context, stacks and object fields as JSON fields', () => {
    const { logger, records } = capture();
    logger.log('started', 'Startup');
    logger.error('failed', 'Error: boom\n    at x', 'Projections');
    logger.warn({ msg: 'relay lag', lagEvents: 12 }, 'AuditRelay');
    expect(records()).toEqual([
      expect.objectContaining({
        level: 'info',
        name: 'spec',
        context: 'Startup',
        msg: 'started',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
      expect.objectContaining({ level: 'error', context: 'Projections', msg: 'failed', stack: 'Error: boom\n    at x' }),
      expect.objectContaining({ level: 'warn', context: 'AuditRelay', msg: 'relay lag', lagEvents: 12 }),
    ]);
  });

  it('demotes Nest start-up chatter to debug and redacts secret-named fields', () => {
    const { logger, records } = capture();
    logger.log('Mapped {/x, GET} route', 'RouterExplorer');
    logger.log({ msg: 'oops', client_secret: 'kw_cs_x', headers: { authorization: 'Basic eA==' } }, 'Somewhere');
    expect(records()).toEqual([
      expect.objectContaining({ msg: 'oops', client_secret: '[redacted]', headers: { authorization: '[redacted]' } }),
    ]);
  });
});
