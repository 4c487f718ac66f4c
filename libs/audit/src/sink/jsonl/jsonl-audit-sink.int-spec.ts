import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditRecord } from '../../record/audit-record';
import { JsonlAuditSink } from './jsonl-audit-sink';

const record = (id: string): AuditRecord => ({
  specversion: '1.0',
  id,
  source: '/organizations/o',
  type: 'keyward.scope.defined.v1',
  time: new Date(0).toISOString(),
  datacontenttype: 'application/json',
  partitionkey: 'o',
  data: { organizationId: 'o', name: 'read' },
});

describe('JsonlAuditSink', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'keyward-jsonl-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends one record per line, across sink instances, readable only by the owner', async () => {
    const path = join(dir, 'data', 'audit.jsonl');
    const first = new JsonlAuditSink(path);
    await first.publish([record('a'), record('b')]);
    await first.close();
    const second = new JsonlAuditSink(path);
    await second.publish([record('c')]);
    await second.close();
    expect(lines(path).map((line) => JSON.parse(line).id)).toEqual(['a', 'b', 'c']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("writes the same lines on this thread as through libuv's pool", async () => {
    const written = [];
    for (const writeOnThisThread of [true, false]) {
      const path = join(dir, `audit-${writeOnThisThread}.jsonl`);
      const sink = new JsonlAuditSink(path, { writeOnThisThread });
      await sink.publish([record('a'), record('b')]);
      await sink.publish([record('c')]);
      await sink.close();
      written.push(readFileSync(path, 'utf8'));
    }
    expect(written[0]).toBe(['a', 'b', 'c'].map((id) => `${JSON.stringify(record(id))}\n`).join(''));
    expect(written[1]).toBe(written[0]);
  });

  it('starts after a torn last line on its own line', async () => {
    const path = join(dir, 'audit.jsonl');
    appendFileSync(path, `${JSON.stringify(record('a'))}\n{"specversion":"1.0","id":"tor`);
    const sink = new JsonlAuditSink(path);
    await sink.publish([record('b')]);
    await sink.close();
    const all = lines(path);
    expect(all).toHaveLength(3);
    expect(JSON.parse(all[2]!).id).toBe('b');
  });
});

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean);
