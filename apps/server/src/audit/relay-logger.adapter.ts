import { Logger } from '@nestjs/common';
import type { RelayLogger } from '@keyward/audit';

/** The relay logs like pino (fields, then message); Nest's logger takes a line. */
export function nestRelayLogger(context = 'AuditRelay'): RelayLogger {
  const logger = new Logger(context);
  const line = (fields: object, message: string) => (Object.keys(fields).length ? `${message} ${JSON.stringify(fields, bigintSafe)}` : message);
  return {
    info: (fields, message) => logger.log(line(fields, message)),
    warn: (fields, message) => logger.warn(line(fields, message)),
    error: (fields, message) => logger.error(line(fields, message)),
  };
}

const bigintSafe = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);
