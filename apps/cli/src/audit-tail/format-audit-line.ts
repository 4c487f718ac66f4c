import type { AuditRecord } from '@keyward/audit';

const ORGANIZATION_SOURCE = /^\/organizations\/(.+)$/;

/** One readable line: time, type, then org, actor, subject, outcome, reason and source IP as key=value. */
export function formatAuditLine(record: AuditRecord): string {
  const data = record.data ?? {};
  const organization = data.organizationId ?? ORGANIZATION_SOURCE.exec(record.source)?.[1];
  const fields: [string, string | undefined][] = [
    ['org', organization],
    ['actor', data.actor],
    ['subject', record.subject],
    ['outcome', data.outcome],
    ['reason', data.reason],
    ['ip', data.sourceIp],
  ];
  return [
    safe(record.time),
    safe(record.type),
    ...fields.map(([name, value]) => `${name}=${value === undefined ? '-' : safe(value)}`),
  ].join('  ');
}

// Reasons and user agents come from outside (admins, clients): a value with spaces is quoted so it
// cannot pass for another field, and control and bidi characters are escaped so it cannot send escape
// sequences to the terminal or reorder what the reader sees.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

function safe(value: unknown): string {
  const text = String(value);
  if (text !== '' && !/[\s"\\]/.test(text) && !UNSAFE.test(text)) return text;
  return `"${text.replace(/["\\]/g, '\\$&').replace(UNSAFE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}
