const QUOTE = 0x22;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Reads the members of a flat object's JSON without parsing it: `into[slot]` gets the JSON text of each
 * member whose name has a slot (`"a"`, `12`, `null`, `["x","y"]`), the others are skipped. Only the plain
 * shape: a value that is an object, or an array of anything but strings, makes it answer false (the caller
 * then parses), as does anything JSON.stringify does not write (whitespace, a stray character).
 *
 * For JSON.stringify's output with no backslash in it (the caller checks): every `"` then opens or closes a
 * string, so a string ends at the next one (indexOf), and each value's text is exactly JSON.stringify of its
 * parsed value. A name given twice keeps its last value, as JSON.parse does.
 *
 * One reader per kind of event: members come in the same order each time, so the name at each place is
 * checked against the last one seen there (startsWith) before it is looked up.
 */
export class StoredJsonMembers {
  private readonly namesSeen: string[] = [];
  private readonly slotsSeen: number[] = [];

  constructor(private readonly slots: ReadonlyMap<string, number>) {}

  read(json: string, into: (string | undefined)[]): boolean {
    if (json.charCodeAt(0) !== OPEN_BRACE) return false;
    if (json.charCodeAt(1) === CLOSE_BRACE) return json.length === 2;
    let at = 1;
    for (let member = 0; ; member++) {
      let valueAt: number;
      let slot: number;
      const seen = this.namesSeen[member];
      if (seen !== undefined && json.startsWith(seen, at)) {
        valueAt = at + seen.length;
        slot = this.slotsSeen[member]!;
      } else {
        if (json.charCodeAt(at) !== QUOTE) return false;
        const nameEnd = json.indexOf('":', at + 1);
        if (nameEnd < 0 || json.indexOf('"', at + 1) !== nameEnd) return false;
        valueAt = nameEnd + 2;
        slot = this.slots.get(json.slice(at + 1, nameEnd)) ?? -1;
        this.namesSeen[member] = json.slice(at, valueAt);
        this.slotsSeen[member] = slot;
      }
      const valueEnd = endOfPlainValue(json, valueAt);
      if (valueEnd < 0) return false;
      if (slot >= 0) into[slot] = json.slice(valueAt, valueEnd);
      const next = json.charCodeAt(valueEnd);
      if (next === CLOSE_BRACE) return valueEnd + 1 === json.length;
      if (next !== COMMA) return false;
      at = valueEnd + 1;
    }
  }
}

/** Just past the value that starts at `at`: a string, a number, true, false, null or an array of strings; else -1. */
function endOfPlainValue(json: string, at: number): number {
  const first = json.charCodeAt(at);
  if (first === QUOTE) {
    const end = json.indexOf('"', at + 1);
    return end < 0 ? -1 : end + 1;
  }
  if (first === OPEN_BRACKET) return endOfStringArray(json, at);
  if (json.startsWith('true', at)) return at + 4;
  if (json.startsWith('false', at)) return at + 5;
  if (json.startsWith('null', at)) return at + 4;
  let end = at;
  while (isNumberCharacter(json.charCodeAt(end))) end++;
  return end === at ? -1 : end;
}

function endOfStringArray(json: string, at: number): number {
  if (json.charCodeAt(at + 1) === CLOSE_BRACKET) return at + 2;
  for (let item = at + 1; ;) {
    if (json.charCodeAt(item) !== QUOTE) return -1;
    const end = json.indexOf('"', item + 1);
    if (end < 0) return -1;
    const next = json.charCodeAt(end + 1);
    if (next === CLOSE_BRACKET) return end + 2;
    if (next !== COMMA) return -1;
    item = end + 2;
  }
}

// Digits, '+', '-', '.', 'E', 'e': what JSON writes numbers with.
const isNumberCharacter = (code: number): boolean =>
  (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2d || code === 0x2e || code === 0x45 || code === 0x65;

/** A string member's text that is not `""` (the mapping's nonEmpty), else undefined. */
export const nonEmptyStringJson = (json: string | undefined): string | undefined =>
  json !== undefined && json.length > 2 && json.charCodeAt(0) === QUOTE ? json : undefined;

/** A number member's text (the mapping's typeof … === 'number'), finite as the mapping's records require. */
export function isFiniteNumberJson(json: string): boolean {
  const first = json.charCodeAt(0);
  return (first === 0x2d || (first >= 0x30 && first <= 0x39)) && Number.isFinite(Number(json));
}

/** An array member's text (they are arrays of strings only, the mapping's isStringArray). */
export const isArrayJson = (json: string): boolean => json.charCodeAt(0) === OPEN_BRACKET;
