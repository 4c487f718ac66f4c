import type { SubjectMatch } from './federation-trust';

/**
 * A subject pattern's `*` matches one or more characters, never `:`. Subjects of the providers keyward
 * federates with are `:`-separated (`repo:acme/reports:ref:refs/heads/main`,
 * `system:serviceaccount:prod:reports`), so a wildcard stays inside one field: `repo:acme/*:ref:refs/heads/main`
 * cannot match `repo:acme/x:pull_request`. Matching is linear: pieces are found left to right.
 */
export function subjectMatches(expected: SubjectMatch, subject: string): boolean {
  if (expected.match === 'exact') return subject === expected.value;
  const patternFields = expected.value.split(':');
  const subjectFields = subject.split(':');
  return patternFields.length === subjectFields.length && patternFields.every((field, index) => fieldMatches(field, subjectFields[index]));
}

function fieldMatches(pattern: string, field: string): boolean {
  const pieces = pattern.split('*');
  if (pieces.length === 1) return pattern === field;
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (!field.startsWith(first)) return false;
  let at = first.length;
  // Each wildcard before a piece takes at least one character, so each search starts one further on.
  for (const piece of pieces.slice(1, -1)) {
    const found = field.indexOf(piece, at + 1);
    if (found < 0) return false;
    at = found + piece.length;
  }
  return field.length - last.length >= at + 1 && field.endsWith(last);
}
