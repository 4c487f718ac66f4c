import { OidcTestIssuer } from './oidc-test-issuer';

/**
 * The test issuer as its own process: prints {"issuer": URL} once it listens, stops on SIGTERM or when
 * its parent goes away (stdin closes), so a crashed test run leaves no issuer behind.
 */
async function main(): Promise<void> {
  const issuer = new OidcTestIssuer();
  const url = await issuer.start(Number(process.env.OIDC_TEST_ISSUER_PORT ?? 0));
  process.stdout.write(`${JSON.stringify({ issuer: url })}\n`);
  const stop = () => void issuer.stop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.stdin.on('end', stop).resume();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
