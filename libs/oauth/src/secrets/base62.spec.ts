import { randomBytes } from 'node:crypto';
import { base62, base62OfUint32 } from './base62';

describe('base62OfUint32', () => {
  it('writes the digits base62 writes for the same four big-endian bytes', () => {
    const edges = [0, 1, 61, 62, 3843, 3844, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];
    const random = Array.from({ length: 2000 }, () => randomBytes(4).readUInt32BE(0));
    for (const value of [...edges, ...random]) {
      const bytes = new Uint8Array([value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]);
      expect(base62OfUint32(value, 6)).toBe(base62(bytes, 6));
    }
  });

  it('reads a negative 32-bit integer (what CRC32 of a signed source may be) as its unsigned value', () => {
    expect(base62OfUint32(-1, 6)).toBe(base62OfUint32(0xffffffff, 6));
  });
});
