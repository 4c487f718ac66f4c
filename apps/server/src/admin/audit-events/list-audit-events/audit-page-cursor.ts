/**
 * Where the next page of the audit API starts: strictly before `before` (a position the store gave), and
 * in the organization's token history at `tokenRevision` and below ('end' when it is read to its start;
 * undefined: from its newest event, skipping those at or after `before`). Written `P~R`, `P~end`, or a
 * bare position `P` (cursors from before token history was read from the store).
 */
export interface AuditPageCursor {
  readonly before: bigint;
  readonly tokenRevision?: number | 'end';
}

export const AUDIT_CURSOR_PATTERN = /^\d{1,20}(~(\d{1,15}|end))?$/;

export function parseAuditCursor(text: string): AuditPageCursor {
  const [position, revision] = text.split('~');
  return { before: BigInt(position!), tokenRevision: revision === undefined ? undefined : revision === 'end' ? 'end' : Number(revision) };
}

export function formatAuditCursor(cursor: AuditPageCursor): string {
  return cursor.tokenRevision === undefined ? cursor.before.toString() : `${cursor.before}~${cursor.tokenRevision}`;
}
