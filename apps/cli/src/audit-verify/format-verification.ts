import type { ChainVerification } from '@keyward/audit';

/** What `audit verify` prints: one line per chain, then each chain's first problem. */
export function formatVerification(result: ChainVerification): string {
  const lines = result.chains.map((chain) => {
    const signed =
      chain.signedSeq > 0
        ? `signed up to ${chain.signedSeq} (${chain.checkpointsVerified} checkpoint${chain.checkpointsVerified === 1 ? '' : 's'} verified)`
        : 'no signed checkpoint yet';
    const unsigned = chain.lastSeq > chain.signedSeq ? `, ${chain.lastSeq - chain.signedSeq} record(s) after the last one` : '';
    return `chain ${chain.chain}: ${chain.records} records, chainseq ${chain.firstSeq}-${chain.lastSeq}, ${signed}${chain.signedSeq > 0 ? unsigned : ''}`;
  });
  const notes = [`${result.duplicates} duplicate(s) dropped (at-least-once delivery)`];
  if (result.unchained > 0) notes.push(`${result.unchained} record(s) from before the chain existed`);
  if (result.unreadable > 0) notes.push(`${result.unreadable} unreadable line(s) skipped`);
  lines.push(notes.join('; '));
  for (const problem of result.problems) lines.push(`${problem.kind.toUpperCase()}: ${problem.message}`);
  lines.push(result.intact ? 'intact' : `NOT intact: ${result.problems.length} chain(s) with a problem`);
  return lines.join('\n') + '\n';
}
