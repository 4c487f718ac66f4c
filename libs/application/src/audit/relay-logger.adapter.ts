import { Logger } from '@nestjs/common';
import type { RelayLogger } from '@keyward/audit';

/** The relay logs like pino (fields, then message); the app's logger keeps the fields as fields. */
export function nestRelayLogger(context = 'AuditRelay'): RelayLogger {
  const logger = new Logger(context);
  const line = (fields: object, message: string) => ({ msg: message, ...bigintsAsStrings(fields) });
  return {
    info: (fields, message) => logger.log(line(fields, message)),
    warn: (fields, message) => logger.warn(line(fields, message)),
    error: (fields, message) => logger.error(line(fields, message)),
  };
}

const bigintsAsStrings = (fields: object) =>
  Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, typeof value === 'bigint' ? value.toString() : value]));
