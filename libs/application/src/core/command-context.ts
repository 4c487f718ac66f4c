/** Who issues a command and from where; becomes the metadata of every event it records. */
export interface CommandContext {
  readonly actor: string;
  readonly organizationId?: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
  readonly correlationId: string;
}
