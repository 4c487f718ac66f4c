/**
 * RFC 8785 (JCS) canonical JSON: object members sorted by key (§3.2.3: by UTF-16 code units, which is
 * what Array.prototype.sort and `<` compare), numbers and strings as ECMAScript's JSON.stringify writes
 * them (§3.2.2). When every object's members are already in that order (an audit record is built that
 * way), that is one native JSON.stringify of the value; otherwise members are written one by one.
 * canonical-json.spec.ts holds both paths to the `canonicalize` package's output.
 */
export function canonicalJson(value: unknown): string {
  const json = isCanonicalAsIs(value) ? JSON.stringify(value) : membersInOrder(value);
  if (json === undefined) throw new TypeError('not JSON-serialisable');
  return json;
}

/**
 * True when JSON.stringify(value) already is its canonical form: every object's own keys in sorted
 * order, every number finite, no toJSON (which may return anything). JSON.stringify writes nothing else
 * differently. Checking costs less than a sorted copy: nothing is made.
 */
export function isCanonicalAsIs(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object') return true;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!isCanonicalAsIs(item)) return false;
    return true;
  }
  // for-in (no key list made) visits the own keys in Object.keys order, then inherited enumerable ones,
  // which JSON.stringify leaves out: they can only make this answer false, never wrongly true.
  let previous: string | undefined;
  for (const key in value) {
    if (previous !== undefined && !(previous < key)) return false;
    if (!isCanonicalAsIs((value as Record<string, unknown>)[key])) return false;
    previous = key;
  }
  return true;
}

// Text, not a sorted copy: an object lists integer-like keys ("2", "10") in numeric order whatever
// order they were added in, and §3.2.3 wants "10" first. No audit record has such a key (every name is
// fixed by the mapping: audit-chain.compatibility.spec.ts), so chains written before hash the same.
function membersInOrder(value: unknown): string | undefined {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`${value} is not allowed in canonical JSON`);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const object = value as { toJSON?: () => unknown } & Record<string, unknown>;
  if (typeof object.toJSON === 'function') return membersInOrder(object.toJSON());
  if (Array.isArray(value)) return `[${value.map((item) => membersInOrder(item) ?? 'null').join(',')}]`;
  const members: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const member = membersInOrder(object[key]);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}
