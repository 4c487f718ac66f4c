import type { Command } from 'commander';
import { CommandBus } from '@nestjs/cqrs';
import { SIGNING_ALGORITHMS, type SigningAlgorithm } from '@keyward/domain';
import { RotateSigningKey } from '@keyward/application';
import { withCli } from '../cli-context';

/** `keys:rotate [--alg ES256|EdDSA|RS256] [--json]`: publish a new signing key; running servers activate it after the propagation delay. */
export function registerRotateKeys(program: Command): void {
  program
    .command('keys:rotate')
    .description('rotate the signing key: the new key is published at once and signs after SIGNING_KEY_PROPAGATION_SECONDS')
    .option('--alg <alg>', SIGNING_ALGORITHMS.join(' | '))
    .option('--json', 'print JSON only')
    .action(async (options: { alg?: string; json?: boolean }) => {
      if (options.alg !== undefined && !(SIGNING_ALGORITHMS as readonly string[]).includes(options.alg))
        throw new Error(`--alg must be one of ${SIGNING_ALGORITHMS.join(', ')}`);
      const alg = options.alg as SigningAlgorithm | undefined;
      const key = await withCli((app, context) => app.get(CommandBus).execute(new RotateSigningKey({ alg, context })));
      process.stdout.write(
        options.json ? JSON.stringify(key) + '\n' : `signing key ${key.kid} (${key.alg}) published; it signs from ${key.activateAfter}\n`,
      );
    });
}
