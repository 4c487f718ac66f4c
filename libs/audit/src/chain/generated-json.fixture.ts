/**
 * Random JSON values for holding canonicalJson to a reference: strings with quotes, controls, non-ASCII,
 * astral characters and lone surrogates; numbers of every form JSON writes differently (-0, 1e21,
 * 5e-324, fractions); objects nested four deep, with integer-like keys now and then.
 */
export type Random = () => number;

/** mulberry32: the same values on every run, so a failure can be replayed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHARACTERS = ['a', 'b', 'z', 'A', 'Z', '_', '-', '0', '9', ' ', '"', '\\', '/', '\n', '\t', '\u0000', '\u001f', '\u007f'].concat([
  'é',
  'ß',
  'Ω',
  '€',
  '中',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\uffff',
  '😀',
  '𝄞',
  '\ud800',
  '\udfff',
  'e\u0301',
]);
const NUMBERS = [0, -0, 1, -1, 0.1, 0.5, 1e21, 1e-7, 1e-6, 5e-324, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, -(2 ** 53), 1 / 3, -2 / 3e7];

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

export function generatedText(random: Random, maxLength: number): string {
  let result = '';
  for (let length = Math.floor(random() * (maxLength + 1)); length > 0; length--) result += pick(random, CHARACTERS);
  return result;
}

function number(random: Random): number {
  const kind = random();
  if (kind < 0.4) return pick(random, NUMBERS);
  if (kind < 0.7) return Math.floor((random() - 0.5) * 2 ** 40);
  return (random() - 0.5) * 10 ** Math.floor(random() * 40 - 20);
}

export function generatedJsonValue(random: Random, depth = 0): unknown {
  const kind = random();
  if (depth >= 4 || kind < 0.35) {
    const leaf = random();
    if (leaf < 0.45) return generatedText(random, 12);
    if (leaf < 0.8) return number(random);
    if (leaf < 0.9) return random() < 0.5;
    return null;
  }
  if (kind < 0.55) return Array.from({ length: Math.floor(random() * 4) }, () => generatedJsonValue(random, depth + 1));
  const object: Record<string, unknown> = {};
  for (let members = Math.floor(random() * 7); members > 0; members--) {
    const key = random() < 0.1 ? String(Math.floor(random() * 20)) : generatedText(random, 6);
    object[key] = random() < 0.05 ? undefined : generatedJsonValue(random, depth + 1);
  }
  return object;
}

/** The same value with every object's members added in sorted order (integer-like keys still come first). */
export function inCanonicalOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(inCanonicalOrder);
  if (value === null || typeof value !== 'object') return value;
  const ordered: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) ordered[key] = inCanonicalOrder((value as Record<string, unknown>)[key]);
  return ordered;
}
