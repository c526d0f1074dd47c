// --redact: e-mail addresses, phone and card-like numbers are gone from everything an import stores and shows.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from './support/run-cli.js';
import { withTempDir } from './support/temp-data.js';

const CSV = [
  'conversation_id,timestamp,event_type,actor,agent_id,customer_id,text',
  'c1,2026-10-01T09:00:00Z,message,customer,,jane.doe@example.com,"I am jane.doe@example.com, call +44 20 7946 0958, card 4111 1111 1111 1111"',
  'c1,2026-10-01T09:01:00Z,assign,,ann@corp.example,,',
  'c1,2026-10-01T09:02:00Z,message,agent,ann@corp.example,,"Thanks, we have your order 12345"',
  'c1,2026-10-01T09:03:00Z,transfer,,bob@corp.example,,',
  'c1,2026-10-01T09:04:00Z,message,agent,bob@corp.example,,Hello',
  'c1,2026-10-01T09:05:00Z,resolve,,,,',
  'c2,2026-10-01T09:00:00Z,message,customer,,,jane.doe@example.com,one field too many',
].join('\n');

test('--redact masks text, pseudonymises ids, keeps the counts, and leaks nothing into any output', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'pii.csv');
    await writeFile(file, CSV);
    const db = join(dir, 'support.duckdb');
    const run = await runCli(['analyze', file, '--db', db, '--redact', '--json', '-q']);
    assert.equal(run.code, 0, run.err);
    const analysis = JSON.parse(run.out);
    assert.equal(analysis.metrics.handoffs.value, 1, 'pseudonyms keep ann and bob apart: one agent handoff');
    const outputs = [run.out, run.err];
    for (const args of [
      ['inspect', '--db', db, '--json'],
      ['export', 'conversations', '--db', db, '--out', join(dir, 'c.csv')],
      ['report', '--db', db, '--out', join(dir, 'r.html')],
    ]) {
      const r = await runCli([...args, '-q']);
      assert.equal(r.code, 0, `${args[0]}: ${r.err}`);
      outputs.push(r.out, r.err);
    }
    outputs.push(
      await readFile(join(dir, 'c.csv'), 'utf8'),
      await readFile(join(dir, 'r.html'), 'utf8'),
      await readFile(`${db}.rejects.csv`, 'utf8'),
    );
    const all = outputs.join('\n');
    for (const secret of ['jane.doe@example.com', 'ann@corp.example', '7946 0958', '4111 1111']) {
      assert.ok(!all.includes(secret), `${secret} leaked`);
    }
    assert.match(all, /\[email\]/);
    assert.match(all, /person-[0-9a-f]{10}/);
  });
});
