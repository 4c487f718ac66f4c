import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'fastify/types/logger';

const LOG_METHODS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type LogMethod = (typeof LOG_METHODS)[number];

/**
 * Fastify gives every request a child logger bound to its correlation id, for its own lines (a reply
 * sent twice, a socket error): rare lines. pino serializes and redacts a child's bindings when it is
 * made (~5 µs a request on the token endpoint), so this one makes it on its first line instead.
 */
export class LazyRequestLogger {
  private made: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  get level(): string {
    return this.made?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.logger().level = level;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger().child(bindings, options);
  }

  logger(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings, this.options));
  }
}

// The log methods live on the prototype: a request allocates one small object, not seven closures.
for (const method of LOG_METHODS) {
  Object.defineProperty(LazyRequestLogger.prototype, method, {
    value: function (this: LazyRequestLogger, ...args: unknown[]) {
      return (this.logger()[method] as (...args: unknown[]) => void)(...args);
    },
  });
}

/** For FastifyAdapter's `childLoggerFactory`. */
export function lazyRequestLogger(logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  return new LazyRequestLogger(logger, bindings, options) as unknown as FastifyBaseLogger & Record<LogMethod, unknown>;
}
