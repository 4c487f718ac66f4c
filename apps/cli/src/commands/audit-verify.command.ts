import type { Command } from 'commander';
import { verifyAuditChains } from '@keyward/audit';
import { auditDestination, describeAuditDestination, loadConfig } from '@keyward/config';
import { fileLines, topicLines } from '../audit-verify/audit-lines';
import { checkpointJwsVerifier } from '../audit-verify/checkpoint-jws-verifier';
import { formatVerification } from '../audit-verify/format-verification';
import { tailKafkaClientConfig } from '../audit-tail/tail-kafka-client-config';

/**
 * `audit verify [--file audit.jsonl] [--jwks URL|FILE] [--json]`: checks the hash chains and signed
 * checkpoints of the audit topic (or a file). Exit 0 when intact, 1 naming the first problem of each chain.
 */
export function registerAuditVerify(program: Command): void {
  const audit = program.commands.find((command) => command.name() === 'audit') ?? program.command('audit');
  audit
    .command('verify')
    .description(
      'verify the audit hash chains and their signed checkpoints: exit 0 when intact, 1 naming the first altered, dropped, inserted or reordered record',
    )
    .option('--file <path>', 'an audit.jsonl file instead of the topic')
    .option('--jwks <url-or-file>', "keyward's JWKS (default: ISSUER/.well-known/jwks.json)")
    .option('--json', 'print the result as JSON')
    .action(async (options: { file?: string; jwks?: string; json?: boolean }) => {
      const config = loadConfig();
      const verifyJws = await checkpointJwsVerifier(options.jwks ?? `${config.issuer}/.well-known/jwks.json`);
      const destination = options.file !== undefined ? ({ kind: 'jsonl', path: options.file } as const) : auditDestination(config);
      const lines =
        destination.kind === 'jsonl'
          ? fileLines(destination.path)
          : await topicLines(tailKafkaClientConfig(destination.kafka), destination.topic);
      process.stderr.write(`keyward: verifying ${describeAuditDestination(destination)}\n`);
      const result = await verifyAuditChains(lines, verifyJws);
      process.stdout.write(options.json ? JSON.stringify(result) + '\n' : formatVerification(result));
      process.exitCode = result.intact ? 0 : 1;
    });
}
