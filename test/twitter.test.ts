// The Twitter importer: reply chains become threads, signatures agents, DM requests channel handoffs; bare CRs read.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Engine } from '../src/engine/engine.js';
import type { ImportReport } from '../src/ingest/import-file.js';
import { pickSource } from '../src/ingest/sources/index.js';
import { twitterSource } from '../src/ingest/sources/twitter.js';
import { copyWithoutBareCarriageReturns } from '../src/ingest/sources/twitter-line-ends.js';
import { signatureSql } from '../src/ingest/sources/twitter-sql.js';
import { DataError } from '../src/model/errors.js';
import { withSourceImport } from './support/import-source.js';
import { sharedFile } from './support/shared-data.js';
import { withTempDir } from './support/temp-data.js';

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/twitter-sample.csv', import.meta.url));
const DATA = new URL('../../../shared/data/', import.meta.url);

const imported = (files: string[], work: (engine: Engine, reports: ImportReport[]) => Promise<void>) =>
  withSourceImport(twitterSource, files, {}, work);

const rows = async (engine: Engine, sql: string) => (await engine.all(sql)).map((r) => Object.values(r));
const counts = (report: ImportReport) =>
  Object.fromEntries(report.problems.map((p) => [p.code, p.count ?? 1]));

const EVENTS_SQL = `SELECT source_row, conversation_id, strftime(ts, '%d %H:%M'), actor, agent_id, team, channel
  FROM events ORDER BY conversation_id, ts, seq`;
const HANDOFFS_SQL = `SELECT conversation_id, handoff_no, strftime(handoff_at, '%H:%M'), kind, from_channel, to_channel,
    from_team, to_team, from_agent, to_agent, handoff_time_s, reason
  FROM handoffs ORDER BY conversation_id, handoff_no`;

test('fixture: threads from reply chains, one message per tweet, a dm event after each DM request', async () => {
  await imported([FIXTURE], async (engine) => {
    assert.deepEqual(await rows(engine, EVENTS_SQL), [
      [1, '100', '06 09:00', 'customer', null, null, 'twitter'],
      [2, '100', '06 09:05', 'agent', 'AcmeHelp:AB', 'AcmeHelp', 'twitter'],
      [3, '100', '06 09:10', 'customer', null, null, 'twitter'],
      [4, '100', '06 09:12', 'agent', null, 'AcmeHelp', 'twitter'], // unsigned: ^AB keeps the thread
      [5, '100', '06 09:20', 'customer', null, null, 'twitter'],
      [6, '100', '06 11:00', 'agent', 'AcmeHelp:CD', 'AcmeHelp', 'twitter'], // signed before a link
      [7, '100', '06 11:05', 'customer', null, null, 'twitter'],
      [8, '200', '06 10:00', 'customer', null, null, 'twitter'],
      [9, '200', '06 10:02', 'agent', null, 'ShopCare', 'twitter'], // unsigned first reply: the brand's queue
      [10, '200', '06 10:03', 'customer', null, null, 'twitter'],
      [11, '200', '06 10:06', 'agent', 'ShopCare:Jo', 'ShopCare', 'twitter'], // "- Jo", asks for a DM
      [22 + 11, '200', '06 10:06', 'agent', null, 'ShopCare', 'dm'], // the switch, numbered after the 22 records
      [12, '200', '06 10:30', 'customer', null, null, 'twitter'],
      [13, '200', '06 10:45', 'agent', 'ShopCare:Jo', 'ShopCare', 'twitter'], // "2/2 -Jo"
      [14, '300', '06 12:00', 'customer', null, null, 'twitter'], // its parent 299 is not in the file
      [15, '300', '06 12:10', 'agent', 'AcmeHelp:EF', 'AcmeHelp', 'twitter'], // "direct message us ... *EF"
      [22 + 15, '300', '06 12:10', 'agent', null, 'AcmeHelp', 'dm'],
      [16, '400', '06 13:00', 'customer', null, null, 'twitter'],
      [17, '400', '06 13:05', 'agent', 'ShopCare:Jo', 'ShopCare', 'twitter'],
      [18, '400', '06 13:20', 'agent', 'AcmeHelp:AB', 'AcmeHelp', 'twitter'],
    ]);
    // The @handles a reply starts with address it and are cut; a handle inside the text stays.
    assert.deepEqual(
      await rows(engine, 'SELECT source_row, text FROM events WHERE source_row IN (16, 17) ORDER BY 1'),
      [
        [16, 'who delivers the router I bought?'],
        [17, 'Our courier does; for set-up ask @AcmeHelp. -Jo'],
      ],
    );
    const customers = await rows(
      engine,
      "SELECT conversation_id, customer_id FROM conversations WHERE conversation_id <> '400' ORDER BY 1",
    );
    assert.deepEqual(customers, [
      ['100', '501'],
      ['200', '502'],
      ['300', '503'],
    ]);
  });
});

test('fixture: exactly the handoffs the signatures, DM requests and brands imply', async () => {
  await imported([FIXTURE], async (engine) => {
    const dm = 'brand asked the customer to continue in direct messages';
    assert.deepEqual(await rows(engine, HANDOFFS_SQL), [
      // ^AB → ^CD: the gap since ^AB's unsigned 09:12 reply.
      [
        '100',
        1,
        '11:00',
        'agent',
        'twitter',
        'twitter',
        'AcmeHelp',
        'AcmeHelp',
        'AcmeHelp:AB',
        'AcmeHelp:CD',
        6480,
        null,
      ],
      // The queue's reply then Jo's is a pick-up, not a handoff; the DM request moves the thread to dm.
      ['200', 1, '10:06', 'channel', 'twitter', 'dm', 'ShopCare', 'ShopCare', 'ShopCare:Jo', null, 0, dm],
      [
        '200',
        2,
        '10:45',
        'channel',
        'dm',
        'twitter',
        'ShopCare',
        'ShopCare',
        null,
        'ShopCare:Jo',
        2340,
        null,
      ],
      ['300', 1, '12:10', 'channel', 'twitter', 'dm', 'AcmeHelp', 'AcmeHelp', 'AcmeHelp:EF', null, 0, dm],
      [
        '400',
        1,
        '13:20',
        'team',
        'twitter',
        'twitter',
        'ShopCare',
        'AcmeHelp',
        'ShopCare:Jo',
        'AcmeHelp:AB',
        900,
        null,
      ],
    ]);
    // Nothing on Twitter records a resolution: every thread counts as not resolved.
    const c = await engine.one<{ n: number; resolved: number }>(
      'SELECT count(*) AS n, count(*) FILTER (WHERE resolved) AS resolved FROM conversations',
    );
    assert.deepEqual(c, { n: 4, resolved: 0 });
  });
});

test('fixture: unmappable rows are rejected with codes, every record accounted for', async () => {
  await imported([FIXTURE], async (engine, [report]) => {
    assert.ok(report);
    assert.equal(report.source, 'twitter');
    assert.equal(report.sourceRows, 22);
    // 22 records + 2 dm switches = 24 events read.
    assert.deepEqual(
      {
        read: report.rowsRead,
        imported: report.imported,
        rejected: report.rejected,
        repeated: report.duplicates,
      },
      { read: 24, imported: 20, rejected: 3, repeated: 1 },
    );
    assert.equal(report.rowsRead, report.imported + report.rejected + report.duplicates);
    assert.deepEqual(
      await rows(engine, 'SELECT source_row, code, field, value FROM rejects ORDER BY source_row'),
      [
        [19, 'unknown-actor', 'actor', 'Maybe'],
        [20, 'bad-timestamp', 'timestamp', 'yesterday afternoon'],
        [21, 'missing-conversation-id', 'conversation_id', null],
      ],
    );
    assert.deepEqual(counts(report), {
      'unknown-actor': 1,
      'bad-timestamp': 1,
      'missing-conversation-id': 1,
      'bare-carriage-return': 1,
      'parent-not-in-file': 1,
      'dm-switch': 2,
      'duplicate-event': 1,
    });
    const orphan = report.problems.find((p) => p.code === 'parent-not-in-file');
    assert.equal(orphan?.at.row, 14);
  });
});

test('bare carriage returns in unquoted text are read as spaces, not as ends of rows', async () => {
  await imported([FIXTURE], async (engine, [report]) => {
    const text = await engine.one<{ text: string }>('SELECT text FROM events WHERE source_row = 14');
    assert.equal(text.text, 'still waiting  for an engineer');
    assert.equal(report?.problems.filter((p) => p.code === 'malformed-row').length, 0);
  });
  // CRLF line ends are not bare: the same tweets read the same, and gzip is read as well.
  await withTempDir(async (dir) => {
    const lf = await readFile(FIXTURE, 'utf8');
    const crlf = join(dir, 'tweets-crlf.csv');
    await writeFile(crlf, lf.replaceAll('\n', '\r\n'));
    const gz = join(dir, 'tweets.csv.gz');
    await writeFile(gz, gzipSync(Buffer.from(lf)));
    for (const file of [crlf, gz]) {
      await imported([file], async (engine, [report]) => {
        assert.equal(report?.imported, 20, file);
        const cr = report?.problems.find((p) => p.code === 'bare-carriage-return');
        assert.match(cr?.message ?? '', /^2 carriage returns/, file);
        const t = await engine.one<{ text: string }>('SELECT text FROM events WHERE source_row = 14');
        assert.equal(t.text, 'still waiting  for an engineer');
      });
    }
  });
});

test('a CR at the end of a read chunk is judged by the byte after it', async () => {
  await withTempDir(async (dir) => {
    // Streams read 64 KiB at a time: a CRLF and a bare CR each straddle a chunk boundary.
    const chunk = 64 * 1024;
    const first = `${'a'.repeat(chunk - 1)}\r\n`;
    const second = `${'b'.repeat(chunk - first.length + chunk - 1)}\rc\r`;
    const source = join(dir, 'in.csv');
    const target = join(dir, 'out.csv');
    await writeFile(source, first + second);
    assert.equal(await copyWithoutBareCarriageReturns(source, target), 2);
    assert.equal(await readFile(target, 'utf8'), `${first}${second.slice(0, -3)} c `);
  });
});

test('signatures: marked initials and names at the end, after links and part markers; words are not names', async () => {
  const cases: [string, string | null][] = [
    ['What information is incorrect? ^JK', 'JK'],
    ['Sorry to hear that. *TMT https://t.co/x', 'TMT'],
    ['We would like to help. -Becky', 'Becky'],
    ['Where did you shop? - Chloe', 'Chloe'],
    ['Keep us posted /CB', 'CB'],
    ['Any delivery issue? ~Debs', 'Debs'],
    ['It should be back soon.  = JJ', 'JJ'],
    ['Please check again, Thank you- Mariya', 'Mariya'],
    ['Thanks for waiting ^Jane 2/2', 'Jane'],
    ['Try the app. ^Osebi.', 'Osebi'],
    ['Please see the steps here ...1/2', null],
    ['Have you tried to check-in', null],
    ['You can pay by card and/or', null],
    ['Thanks for reaching out. Phil.', null],
    ['@117 Thanks!', null],
  ];
  await imported([FIXTURE], async (engine) => {
    for (const [text, expected] of cases) {
      const r = await engine.one<{ s: string | null }>(`SELECT ${signatureSql('$t')} AS s`, { t: text });
      assert.equal(r.s, expected, text);
    }
  });
});

test('sniffing picks the Twitter importer by its header; a file without its columns is refused', async () => {
  assert.equal((await pickSource(FIXTURE)).id, 'twitter');
  await withTempDir(async (dir) => {
    const other = join(dir, 'other.csv');
    await writeFile(other, 'tweet_id,author_id,text\n1,a,hello\n');
    assert.equal((await pickSource(other)).id, 'generic');
    await assert.rejects(
      imported([other], async () => {}),
      (e: unknown) =>
        e instanceof DataError &&
        e.problems.some((p) => p.code === 'missing-column' && p.at.field === 'inbound'),
    );
  });
});

test('real sample (Kaggle Customer Support on Twitter, 5,000 tweets): accounting, threads and handoffs', async (t) => {
  const file = sharedFile(t, DATA, 'twitter/twcs_subset.csv');
  if (!file) return;
  await imported([file], async (engine, [report]) => {
    assert.ok(report);
    const problems = counts(report);
    assert.equal(report.sourceRows, 5000);
    // Every tweet is read (the one split by bare CRs included), plus one dm event per DM request.
    assert.equal(report.rowsRead, 5000 + (problems['dm-switch'] ?? 0));
    assert.equal(report.rowsRead, report.imported + report.rejected + report.duplicates);
    assert.deepEqual([report.rejected, report.duplicates], [0, 0]);
    assert.match(
      report.problems.find((p) => p.code === 'bare-carriage-return')?.message ?? '',
      /^2 carriage/,
    );
    assert.equal(problems['parent-not-in-file'], 6);
    assert.equal(problems['dm-switch'], 519);
    const tweets = await engine.one<{ n: number }>(
      "SELECT count(*) AS n FROM events WHERE channel = 'twitter'",
    );
    assert.equal(tweets.n, 5000);
    const c = await engine.one<{ n: number; handed: number }>(
      'SELECT count(*) AS n, count(*) FILTER (WHERE handoff_count > 0) AS handed FROM conversations',
    );
    assert.deepEqual(c, { n: 1312, handed: 576 });
    assert.deepEqual(await rows(engine, 'SELECT kind, count(*) FROM handoffs GROUP BY kind ORDER BY kind'), [
      ['agent', 251],
      ['channel', 629],
      ['team', 10],
    ]);
  });
});
