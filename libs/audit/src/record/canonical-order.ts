import type { AuditData, AuditRecord } from './audit-record';

/**
 * A record whose JSON.stringify text already is its RFC 8785 canonical form, as its builder (the default
 * mapping) vouches: members sorted by name at every level, numbers finite, values plain (JSON-parsed
 * data). The hash chain then hashes that text as it is, without walking the record to check it. A class
 * rather than a weak set of records: a weak collection's write barrier, and its share of every scavenge,
 * cost more than the walk. JSON, spreads and equality see the same members as a plain record's.
 */
export class CanonicalOrderAuditRecord implements AuditRecord {
  declare readonly data: AuditData;
  declare readonly datacontenttype: 'application/json';
  declare readonly id: string;
  declare readonly partitionkey: string;
  declare readonly source: string;
  declare readonly specversion: '1.0';
  declare readonly subject?: string;
  declare readonly time: string;
  declare readonly type: string;

  // Assigned in canonical order; `data` must have been built in it too.
  constructor(data: AuditData, id: string, partitionkey: string, source: string, subject: string | undefined, time: string, type: string) {
    this.data = data;
    this.datacontenttype = 'application/json';
    this.id = id;
    this.partitionkey = partitionkey;
    this.source = source;
    this.specversion = '1.0';
    if (subject !== undefined) this.subject = subject;
    this.time = time;
    this.type = type;
  }
}

export const isMarkedInCanonicalOrder = (record: AuditRecord): boolean => record instanceof CanonicalOrderAuditRecord;
