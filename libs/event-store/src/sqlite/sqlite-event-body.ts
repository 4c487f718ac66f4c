import { inflateRawSync } from 'node:zlib';
import { Decompressor } from 'zstd-napi';
import { CCtx, CParameter, compressBound } from 'zstd-napi/binding';
import { BODY_DICTIONARY_V2 } from './sqlite-body-dictionary-v2';
import { COMPRESSION_DICTIONARY_V1 } from './sqlite-compression-dictionary';

/**
 * The `body` column: one codec byte, then data and metadata JSON joined by a newline (JSON.stringify
 * never writes a raw newline). Compressed together, the fields metadata repeats from data (organization,
 * source IP, user agent, time) cost a back-reference each, and the preset dictionary saves most of what
 * remains: an AccessTokenIssued body shrinks from ~820 B to ~220 B.
 * Codecs are append-only like migrations: files outlive the code that wrote them. New bodies are ZSTD_V2.
 */
const RAW = 0x30; // '0': rows copied by the compact-rows migration
const DEFLATE_V1 = 0x31; // '1': raw deflate with COMPRESSION_DICTIONARY_V1
const ZSTD_V2 = 0x32; // '2': a zstd frame with BODY_DICTIONARY_V2

const SEPARATOR = '\n';
const NEWLINE = 0x0a;
const dictionaryV1 = Buffer.from(COMPRESSION_DICTIONARY_V1, 'utf8');

// One context per thread, kept: Node's deflateRawSync built and initialised a zlib stream and loaded
// its dictionary for every event (~25 µs on the writer thread); zstd with a loaded dictionary takes ~3.
// Compression goes through zstd-napi's thin binding (its documented low-level API), from and into buffers
// kept per thread: the high-level compress() allocates and copies its result, and the body was copied
// once more behind the codec byte (4.3 against 3.2 µs an event).
let compressor: { readonly context: CCtx; readonly plain: Buffer; readonly body: Buffer } | undefined;
let decompressor: Decompressor | undefined;

function v2Compressor(): NonNullable<typeof compressor> {
  if (compressor) return compressor;
  const context = new CCtx();
  // The codec byte names the dictionary, so the frame need not (dictIDFlag); level 1: higher levels
  // store these bodies no smaller.
  context.setParameter(CParameter.compressionLevel, 1);
  context.setParameter(CParameter.dictIDFlag, 0);
  context.loadDictionary(BODY_DICTIONARY_V2);
  compressor = { context, plain: Buffer.allocUnsafe(SCRATCH_BYTES), body: Buffer.allocUnsafe(compressBound(SCRATCH_BYTES) + 1) };
  return compressor;
}

// Bodies up to this size (an issued token's is ~800 B) are encoded in the kept buffers; larger ones get their own.
const SCRATCH_BYTES = 16 * 1024;

function v2Decompressor(): Decompressor {
  if (decompressor) return decompressor;
  decompressor = new Decompressor();
  decompressor.loadDictionary(BODY_DICTIONARY_V2);
  return decompressor;
}

/**
 * The body of one row. The answer may be a view of a buffer the next call overwrites: bind it at once
 * (better-sqlite3 copies a bound buffer, SQLITE_TRANSIENT) or copy it.
 */
export function encodeBody(data: string, metadata: string): Buffer {
  const { context, plain: kept, body: keptBody } = v2Compressor();
  const length = Buffer.byteLength(data, 'utf8') + 1 + Buffer.byteLength(metadata, 'utf8');
  const plain = length <= kept.length ? kept : Buffer.allocUnsafe(length);
  let at = plain.write(data, 0, 'utf8');
  plain[at++] = NEWLINE;
  at += plain.write(metadata, at, 'utf8');
  const bound = compressBound(length) + 1;
  const body = bound <= keptBody.length ? keptBody : Buffer.allocUnsafe(bound);
  body[0] = ZSTD_V2;
  const compressed = context.compress2(body.subarray(1), plain.subarray(0, at));
  return body.subarray(0, compressed + 1);
}

export function decodeBody(body: Buffer): { data: string; metadata: string } {
  const text = plaintext(body);
  const split = text.indexOf(SEPARATOR);
  return { data: text.slice(0, split), metadata: text.slice(split + 1) };
}

function plaintext(body: Buffer): string {
  switch (body[0]) {
    case ZSTD_V2:
      return v2Decompressor().decompress(body.subarray(1)).toString('utf8');
    case DEFLATE_V1:
      return inflateRawSync(body.subarray(1), { dictionary: dictionaryV1 }).toString('utf8');
    case RAW:
      return body.toString('utf8', 1);
    default:
      throw new Error(`unknown event body codec ${body[0]}`);
  }
}

// A canonical (lowercase) UUID is stored as its 16 bytes; any other id as text. SQLite never finds a
// BLOB equal to a TEXT, so the two spellings cannot collide in the UNIQUE index.
const HEX_DIGIT = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 16; digit++) HEX_DIGIT['0123456789abcdef'.charCodeAt(digit)] = digit;
const hexDigit = (code: number): number => (code < 128 ? HEX_DIGIT[code]! : -1);
/** Where each of the 16 bytes' two hex digits start in 8-4-4-4-12 text. */
const BYTE_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
const DASH = 0x2d;
const idBytes = Buffer.alloc(16);

/** A view of a buffer the next call overwrites: bind it at once (better-sqlite3 copies it) or copy it. */
export function encodeEventId(id: string): Buffer | string {
  // Checked and converted in one pass: a regular expression, five slices and Buffer.from(hex) took ~0.5 µs an event, this ~0.1.
  if (id.length !== 36) return id;
  if (id.charCodeAt(8) !== DASH || id.charCodeAt(13) !== DASH || id.charCodeAt(18) !== DASH || id.charCodeAt(23) !== DASH) return id;
  for (let byte = 0; byte < 16; byte++) {
    const high = hexDigit(id.charCodeAt(BYTE_AT[byte]!));
    const low = hexDigit(id.charCodeAt(BYTE_AT[byte]! + 1));
    if (high < 0 || low < 0) return id;
    idBytes[byte] = (high << 4) | low;
  }
  return idBytes;
}

export function decodeEventId(stored: Buffer | string): string {
  if (typeof stored === 'string') return stored;
  const hex = stored.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
