import type { AuditData, AuditRecord } from './audit-record';

/**
 * A record the relay made as text, its RFC 8785 canonical JSON (storedJsonAuditRecord): the chain hashes and
 * the sinks write that text, so nothing parses it on the way to the topic. Its members are parsed from it on
 * first read, for whatever else looks; JSON.stringify sees them through toJSON. Own properties are only the
 * Kafka key and the id, so a spread copy is no record: copy `toJSON()` instead.
 */
export class EncodedAuditRecord implements AuditRecord {
  private parsed: AuditRecord | undefined;

  constructor(
    /** The canonical JSON of the record (members sorted at every level). */
    readonly json: string,
    readonly id: string,
    readonly partitionkey: string,
  ) {}

  get specversion(): '1.0' {
    return this.members().specversion;
  }
  get source(): string {
    return this.members().source;
  }
  get type(): string {
    return this.members().type;
  }
  get subject(): string | undefined {
    return this.members().subject;
  }
  get time(): string {
    return this.members().time;
  }
  get datacontenttype(): 'application/json' {
    return this.members().datacontenttype;
  }
  get data(): AuditData {
    return this.members().data;
  }

  toJSON(): AuditRecord {
    return this.members();
  }

  private members(): AuditRecord {
    this.parsed ??= JSON.parse(this.json) as AuditRecord;
    return this.parsed;
  }
}
