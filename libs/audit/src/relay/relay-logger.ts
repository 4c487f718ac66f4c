/** The slice of a pino logger the relay uses (fields first, like pino), so the app passes its own. */
export interface RelayLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export const silentRelayLogger: RelayLogger = { info() {}, warn() {}, error() {} };
