/** Who did it and from where: carried by every event, never holding a secret. */
export interface EventMetadata {
  /** `service_account:{id}` for API callers, `cli:{user}` for the CLI, `system` for the server itself. */
  readonly actor: string;
  readonly organizationId?: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
  readonly correlationId: string;
  readonly occurredAt: string;
  /** The version of the event type's data schema it was written in; older versions are upcast on read. */
  readonly schemaVersion?: number;
}
