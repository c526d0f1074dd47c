// The XES source: streamed traces become cases, globals and lifecycles apply, entities are refused, real logs import.
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Engine } from '../src/engine/engine.js';
import type { ImportReport } from '../src/ingest/import-file.js';
import type { SourceOptions } from '../src/ingest/source.js';
import { readHead } from '../src/ingest/sources/index.js';
import { XES_BATCH_ROWS, xesSource } from '../src/ingest/sources/xes.js';
import { DataError } from '../src/model/errors.js';
import { withSourceImport } from './support/import-source.js';
import { sharedFile } from './support/shared-data.js';
import { withTempDir } from './support/temp-data.js';

const DATA = new URL('../../../shared/data/', import.meta.url);
const FIXTURES = fileURLToPath(new URL('../../test/fixtures/xes/', import.meta.url));
const SMALL = join(FIXTURES, 'small.xes');
const BPIC = { map: { team: 'organization involved' }, tierFrom: ' (2nd|3rd)$' } satisfies SourceOptions;

const withImport = <T>(
  file: string,
  options: SourceOptions,
  work: (engine: Engine, report: ImportReport) => Promise<T>,
) => withSourceImport(xesSource, [file], options, (engine, [report]) => work(engine, report!));

test('a small XES log: traces are cases, lifecycles join activities, globals and tiers apply', async () => {
  await withImport(SMALL, BPIC, async (engine, r) => {
    assert.equal(r.source, 'xes');
    assert.deepEqual([r.rowsRead, r.imported, r.rejected, r.duplicates], [8, 7, 1, 0]);
    const codes = r.problems.map((p) => `${p.code}:${p.count}`).sort();
    assert.deepEqual(codes, ['bad-timestamp:1', 'xes-nested-attribute-skipped:1']);
    assert.equal(r.problems.find((p) => p.code === 'bad-timestamp')?.at.row, 8);
    assert.equal(r.mapping.team, 'organization involved');
    const events = await engine.all(
      `SELECT conversation_id AS c, strftime(ts, '%Y-%m-%d %H:%M') AS t, event_type AS e, actor AS a,
         agent_id AS g, team, tier, text, priority AS p FROM events ORDER BY source_row`,
    );
    assert.deepEqual(events, [
      {
        c: 'P1',
        t: '2012-01-02 08:00',
        e: 'message',
        a: 'agent',
        g: 'ann',
        team: 'G1',
        tier: '1',
        text: 'Queued/Awaiting Assignment',
        p: null,
      },
      {
        c: 'P1',
        t: '2012-01-02 09:00',
        e: 'message',
        a: 'agent',
        g: 'bob',
        team: 'G2 2nd',
        tier: '2nd',
        text: 'Accepted/In Progress',
        p: null,
      },
      {
        c: 'P1',
        t: '2012-01-02 10:00',
        e: 'message',
        a: 'agent',
        g: 'cy',
        team: 'G1',
        tier: '1',
        text: 'Accepted/In Progress',
        p: null,
      },
      {
        c: 'P1',
        t: '2012-01-02 11:00',
        e: 'resolve',
        a: null,
        g: 'cy',
        team: 'G1',
        tier: '1',
        text: 'Completed/Closed',
        p: null,
      },
      // Globals: org:resource and organization involved default to UNKNOWN, lifecycle to complete.
      {
        c: 'P2',
        t: '2012-01-03 08:00',
        e: 'message',
        a: 'agent',
        g: 'dee',
        team: 'G3 3rd',
        tier: '3rd',
        text: 'Accepted/complete',
        p: '2',
      },
      {
        c: 'P2',
        t: '2012-01-03 09:30',
        e: 'resolve',
        a: null,
        g: 'UNKNOWN',
        team: 'UNKNOWN',
        tier: '1',
        text: 'Completed/Closed',
        p: null,
      },
      {
        c: 'UNKNOWN',
        t: '2012-01-04 08:00',
        e: 'message',
        a: 'agent',
        g: 'UNKNOWN',
        team: 'UNKNOWN',
        tier: '1',
        text: 'Accepted/complete',
        p: null,
      },
    ]);
    // G1 → G2 2nd (escalation) → G1 again: two handoffs, the second a return.
    const handoffs = await engine.all(
      'SELECT from_team AS f, to_team AS t, kind, is_return AS r FROM handoffs ORDER BY handoff_at',
    );
    assert.deepEqual(handoffs, [
      { f: 'G1', t: 'G2 2nd', kind: 'tier', r: false },
      { f: 'G2 2nd', t: 'G1', kind: 'tier', r: true },
    ]);
  });
});

test('gzip XES reads the same as plain, and --activity / --map pick other attributes', async () => {
  await withTempDir(async (dir) => {
    const gz = join(dir, 'small.xes.gz');
    await writeFile(gz, gzipSync(await readFile(SMALL)));
    const plain = await withImport(SMALL, BPIC, (e) => e.all('SELECT * EXCLUDE (import_id) FROM events'));
    const zipped = await withImport(gz, BPIC, (e) => e.all('SELECT * EXCLUDE (import_id) FROM events'));
    assert.deepEqual(zipped, plain);
    const texts = await withImport(gz, { activity: 'concept:name', map: { category: 'trace:impact' } }, (e) =>
      e.all("SELECT DISTINCT text, category FROM events WHERE conversation_id = 'P1' ORDER BY text"),
    );
    assert.deepEqual(texts, [
      { text: 'Accepted', category: 'High' },
      { text: 'Completed', category: 'High' },
      { text: 'Queued', category: 'High' },
    ]);
    await assert.rejects(
      withImport(SMALL, { map: { team: 'org:team' } }, async () => null),
      (e: unknown) =>
        e instanceof DataError && e.problems.length === 1 && e.problems[0]?.code === 'unknown-attribute',
    );
  });
});

test('a DOCTYPE declaring entities is refused with the file and line', async () => {
  const file = join(FIXTURES, 'entities.xes');
  await assert.rejects(
    withImport(file, {}, async () => null),
    (e: unknown) =>
      e instanceof DataError &&
      e.problems[0]?.code === 'xml-entity-refused' &&
      e.problems[0]?.at.file === file &&
      typeof e.problems[0]?.at.line === 'number' &&
      e.message.includes(file),
  );
});

test('sniff: XES logs are recognised, CSV and other XML are not', async () => {
  assert.equal(xesSource.sniff(await readHead(SMALL), SMALL), true);
  assert.equal(xesSource.sniff('<log xmlns="http://www.xes-standard.org/">', 'x'), true);
  assert.equal(xesSource.sniff('<?xml version="1.0"?><rss version="2.0">', 'x'), false);
  assert.equal(xesSource.sniff('conversation_id,timestamp,event_type\n', 'x'), false);
});

/** Writes a log of `traces` × 5 events through a stream, so the test itself never holds it either. */
async function writeLargeXes(file: string, traces: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((ok) => out.once('drain', () => ok()));
  await write('<?xml version="1.0"?>\n<log xes.version="1.0">\n');
  const activities = ['Queued', 'Accepted', 'Accepted', 'Accepted', 'Completed'];
  for (let t = 0; t < traces; t++) {
    let trace = `<trace><string key="concept:name" value="C${t}"/>`;
    for (let i = 0; i < 5; i++) {
      const team = `G${(t + (i === 2 ? 1 : 0)) % 7}${i === 2 ? ' 2nd' : ''}`;
      trace += `<event><string key="concept:name" value="${activities[i]}"/><string key="org:resource" value="r${(t + i) % 50}"/><string key="organization involved" value="${team}"/><date key="time:timestamp" value="2012-01-01T0${i}:00:00+01:00"/></event>`;
    }
    await write(`${trace}</trace>\n`);
  }
  await write('</log>\n');
  await new Promise<void>((ok) => out.end(() => ok()));
}

test('a log larger than several batches streams in whole, numbered in file order', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'large.xes');
    const traces = Math.ceil((2.5 * XES_BATCH_ROWS) / 5) + 1;
    await writeLargeXes(file, traces);
    await withImport(file, BPIC, async (engine, r) => {
      assert.equal(r.rowsRead, traces * 5);
      assert.equal(r.imported, traces * 5);
      const s = await engine.one(
        `SELECT count(DISTINCT conversation_id) AS c, min(source_row) AS lo, max(source_row) AS hi,
           count(*) FILTER (WHERE tier = '2nd') AS tier2 FROM events`,
      );
      assert.deepEqual(s, { c: traces, lo: 1, hi: traces * 5, tier2: traces });
      const last = await engine.one('SELECT conversation_id AS c FROM events WHERE source_row = $n', {
        n: traces * 5,
      });
      assert.equal(last.c, `C${traces - 1}`);
    });
  });
});

test('BPI Challenge 2013 open problems (real XES): 819 cases, 2,351 events, nothing rejected', async (t) => {
  const file = sharedFile(t, DATA, 'bpic2013-problems/BPI_Challenge_2013_open_problems.xes.gz');
  if (!file) return;
  await withImport(file, {}, async (engine, r) => {
    assert.deepEqual([r.rowsRead, r.imported, r.rejected, r.duplicates], [2351, 2351, 0, 0]);
    assert.deepEqual(r.problems, []);
    const c = await engine.one('SELECT count(*) AS n FROM conversations');
    assert.equal(c.n, 819);
    const types = await engine.all('SELECT event_type AS e, count(*) AS n FROM events GROUP BY 1 ORDER BY 1');
    // 387 Completed/Closed events resolve; every other status is work by its resource.
    assert.deepEqual(types, [
      { e: 'message', n: 1964 },
      { e: 'resolve', n: 387 },
    ]);
  });
});
