import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken } from '../support/oauth-client';

const REPO = resolve(__dirname, '../..');
const SCHEMATHESIS = join(process.env.SCHEMATHESIS_VENV ?? join(REPO, '.cache/schemathesis'), 'bin/schemathesis');
// Operations that change the whole organization (naming rules, lockdown) run on an organization of their own.
const ORGANIZATION_WIDE = '^/admin/v1/organization/(policy|lockdown)';

/**
 * The property-based fuzzer schemathesis (PyPI; scripts/ensure-schemathesis.sh) against the live
 * GET /openapi.json with every check on: undocumented statuses, schema-valid requests refused,
 * schema-violating requests accepted, response schemas and media types, undeclared methods (405 + Allow),
 * authentication ignored, server errors. Seeded, so a failure replays.
 */
describe('GET /openapi.json matches behaviour (schemathesis, all checks)', () => {
  let keyward: KeywardUnderTest;
  let workDir: string;

  beforeAll(async () => {
    if (!existsSync(SCHEMATHESIS))
      throw new Error(`schemathesis is missing at ${SCHEMATHESIS}: run scripts/ensure-schemathesis.sh (npm test does)`);
    workDir = mkdtempSync(join(tmpdir(), 'keyward-schemathesis-'));
    keyward = await startKeyward();
  });
  afterAll(async () => {
    await keyward?.dispose();
    rmSync(workDir, { recursive: true, force: true });
  });

  async function fuzz(filter: string[]): Promise<void> {
    const admin = await keyward.bootstrap(`fuzz-${filter.join('').length}`, 'enterprise');
    const token = await accessToken(keyward.baseUrl, admin);
    const args = [
      '--config-file',
      join(__dirname, 'schemathesis.toml'),
      'run',
      `${keyward.baseUrl}/openapi.json`,
      '--header',
      `Authorization: Bearer ${token}`,
      '--checks',
      'all',
      '--phases',
      'examples,coverage,fuzzing',
      '--max-examples',
      '25',
      '--seed',
      '20261201',
      '--generation-database',
      'none',
      '--suppress-health-check',
      'all',
      '--request-timeout',
      '20',
      '--workers',
      '1',
      '--no-color',
      ...filter,
    ];
    const outcome = await promisify(execFile)(SCHEMATHESIS, args, { cwd: workDir, maxBuffer: 64 * 1024 * 1024, timeout: 900_000 }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? -1,
        stdout: `${error.stdout ?? ''}\n${error.stderr ?? ''}`,
      }),
    );
    const summary = outcome.stdout.slice(outcome.stdout.lastIndexOf('= SUMMARY ='));
    expect({ code: outcome.code, report: outcome.code === 0 ? summary : outcome.stdout.slice(-30_000) }).toEqual({
      code: 0,
      report: summary,
    });
    expect(summary).toMatch(/Tested: [1-9]/);
  }

  it('on every operation but the organization-wide ones', () => fuzz(['--exclude-path-regex', ORGANIZATION_WIDE]), 900_000);

  it(
    'on the organization-wide operations (naming policy, lockdown), on an organization of their own',
    () => fuzz(['--include-path-regex', ORGANIZATION_WIDE]),
    900_000,
  );
});
