/** Deeper JSON than any admin DTO uses (they nest 3 levels) is refused before class-transformer recurses into it. */
export const MAX_JSON_DEPTH = 32;

/** Depth of a parsed JSON value, counted without recursion so the check itself cannot overflow the stack. */
export function exceedsJsonDepth(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}
