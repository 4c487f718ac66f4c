import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { COMPRESSION_DICTIONARY_V1 } from './sqlite-compression-dictionary';

/**
 * The `body` column: one codec byte, then data and metadata JSON joined by a newline (JSON.stringify
 * never writes a raw newline). Compressed together, the fields metadata repeats from data (organization,
 * source IP, user agent, time) cost a back-reference each, and the preset dictionary (keys, event types,
 * timestamps' shape) saves most of what remains: an AccessTokenIssued body shrinks from ~840 B to ~290 B.
 * Codecs are append-only like migrations: files outlive the code that wrote them.
 */
const RAW = 0x30; // '0': rows copied by the compact-rows migration
const DEFLATE_V1 = 0x31; // '1': raw deflate with COMPRESSION_DICTIONARY_V1

const SEPARATOR = '\n';
const dictionary = Buffer.from(COMPRESSION_DICTIONARY_V1, 'utf8');

export function encodeBody(data: string, metadata: string): Buffer {
  const compressed = deflateRawSync(Buffer.from(data + SEPARATOR + metadata, 'utf8'), { dictionary });
  const body = Buffer.allocUnsafe(compressed.length + 1);
  body[0] = DEFLATE_V1;
  compressed.copy(body, 1);
  return body;
}

export function decodeBody(body: Buffer): { data: string; metadata: string } {
  let text: string;
  if (body[0] === DEFLATE_V1) text = inflateRawSync(body.subarray(1), { dictionary }).toString('utf8');
  else if (body[0] === RAW) text = body.toString('utf8', 1);
  else throw new Error(`unknown event body codec ${body[0]}`);
  const split = text.indexOf(SEPARATOR);
  return { data: text.slice(0, split), metadata: text.slice(split + 1) };
}

// A canonical (lowercase) UUID is stored as its 16 bytes; any other id as text. SQLite never finds a
// BLOB equal to a TEXT, so the two spellings cannot collide in the UNIQUE index.
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeEventId(id: string): Buffer | string {
  return CANONICAL_UUID.test(id) ? Buffer.from(id.replaceAll('-', ''), 'hex') : id;
}

export function decodeEventId(stored: Buffer | string): string {
  if (typeof stored === 'string') return stored;
  const hex = stored.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
