import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const AUDIT_EVENTS_DOC = resolve(__dirname, '../../../../docs/audit-events.md');
export const AUDIT_RECORD_SCHEMA = resolve(__dirname, '../../../../docs/audit-record.schema.json');

export interface DocumentedAuditType {
  readonly eventType: string;
  readonly type: string;
  /** `service_accounts/{serviceAccountId}…` as written, or undefined for "—". */
  readonly subject: string | undefined;
  /** Every `backticked` word of the "data carries" column. */
  readonly mentions: readonly string[];
}

/** The "event type | CloudEvents type | subject | data carries" table of docs/audit-events.md, parsed so specs hold the doc to the code. */
export function documentedAuditTypes(markdown = readFileSync(AUDIT_EVENTS_DOC, 'utf8')): Map<string, DocumentedAuditType> {
  const rows = new Map<string, DocumentedAuditType>();
  for (const line of markdown.split('\n')) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (cells.length !== 4 || !/^`[A-Z]\w+`$/.test(cells[0]) || !cells[1].startsWith('`keyward.')) continue;
    const [eventType, type, subject, data] = cells;
    rows.set(unquote(eventType), {
      eventType: unquote(eventType),
      type: unquote(type),
      subject: /`([^`]+)`/.exec(subject)?.[1],
      mentions: [...data.matchAll(/`([^`]+)`/g)].map((m) => m[1]),
    });
  }
  return rows;
}

const unquote = (cell: string): string => cell.replace(/`/g, '');
