// The Zendesk importer: audit pages, NDJSON pages and audits, incremental ticket events, gzip, sniffing and bad JSON.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Engine } from '../src/engine/engine.js';
import type { ImportReport } from '../src/ingest/import-file.js';
import { readHead } from '../src/ingest/sources/index.js';
import { intercomSource } from '../src/ingest/sources/intercom.js';
import { zendeskSource } from '../src/ingest/sources/zendesk.js';
import { DataError } from '../src/model/errors.js';
import { type EventTuple, eventTuples, withSourceImport } from './support/import-source.js';
import { withTempDir } from './support/temp-data.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../test/fixtures/zendesk/${name}`, import.meta.url));

const imported = (files: string[], work: (engine: Engine, reports: ImportReport[]) => Promise<void>) =>
  withSourceImport(zendeskSource, files, {}, work);

const TIME = '%Y-%m-%dT%H:%M:%SZ';
const rows = async (engine: Engine, sql: string) => (await engine.all(sql)).map((r) => Object.values(r));

test('an audits page with users: every mapped event, exactly', async () => {
  await imported([fixture('audits-page.json')], async (engine, [report]) => {
    const day = '2026-10-01T';
    const expected: EventTuple[] = [
      [1, '1', `${day}09:00:00Z`, 'message', 'customer', null, null, 'email', 'My invoice is wrong', null],
      [1, '1', `${day}09:00:00Z`, 'assign', null, null, '10', 'email', null, null],
      [2, '1', `${day}09:05:00Z`, 'message', 'agent', '200', null, 'email', 'Looking into it', null],
      [2, '1', `${day}09:05:00Z`, 'assign', null, '200', null, 'email', null, null],
      [3, '1', `${day}09:10:00Z`, 'note', 'agent', '200', null, 'email', 'Escalating to Tech', null],
      [3, '1', `${day}09:10:00Z`, 'assign', null, null, '20', 'email', null, null],
      [4, '1', `${day}09:20:00Z`, 'message', 'agent', '201', null, 'email', 'Fixed', null],
      [4, '1', `${day}09:20:00Z`, 'resolve', null, null, null, 'email', null, null],
      [4, '1', `${day}09:20:00Z`, 'assign', null, '201', null, 'email', null, null],
      [5, '1', `${day}09:30:00Z`, 'reopen', null, null, null, 'email', null, null],
      [5, '1', `${day}09:30:00Z`, 'message', 'customer', null, null, 'email', 'Still wrong', null],
      [6, '1', `${day}09:40:00Z`, 'message', 'agent', '202', null, 'email', 'Now fixed', null],
      [6, '1', `${day}09:40:00Z`, 'resolve', null, null, null, 'email', null, null],
      [6, '1', `${day}09:40:00Z`, 'assign', null, '202', null, 'email', null, null],
      [8, '1', `${day}10:00:00Z`, 'csat', null, null, null, 'email', null, 5],
      [9, '2', `${day}11:00:00Z`, 'message', 'customer', null, null, 'chat', 'Hello?', null],
      [9, '2', `${day}11:00:00Z`, 'assign', null, '200', '10', 'chat', null, null],
      [10, '2', `${day}11:02:00Z`, 'message', 'agent', '200', null, 'chat', 'Hi, done', null],
      [10, '2', `${day}11:02:00Z`, 'resolve', null, null, null, 'chat', null, null],
      [11, '2', `${day}11:30:00Z`, 'csat', null, null, null, 'chat', null, 1],
    ];
    assert.deepEqual(await eventTuples(engine, TIME), expected);
    assert.ok(report);
    assert.equal(report.rowsRead, 20);
    assert.equal(report.imported, 20);
    assert.equal(report.rejected, 0);
    const attributes = await rows(
      engine,
      'SELECT DISTINCT conversation_id, customer_id, category, priority FROM events ORDER BY 1',
    );
    assert.deepEqual(attributes, [
      ['1', '100', 'incident', 'high'],
      ['2', '100', null, 'low'],
    ]);
    // Nothing is dropped silently: each skipped kind is one info problem with its count.
    const skipped = report.problems
      .filter((p) => p.code === 'zendesk-event-skipped')
      .map((p) => [p.severity, p.message.split(' events')[0], p.count]);
    assert.deepEqual(skipped, [
      ['info', 'Change', 2],
      ['info', 'Create', 2],
      ['info', 'Notification', 1],
      ['info', 'SatisfactionRating offered', 1],
    ]);
  });
});

test('Zendesk handoffs: a team handoff that clears the agent, an agent handoff, reopen, success and csat', async () => {
  await imported([fixture('audits-page.json')], async (engine) => {
    const handoffs = await rows(
      engine,
      `SELECT conversation_id, handoff_no, kind, from_team, to_team, from_agent, to_agent, completed, handoff_time_s,
         success, is_return FROM handoffs ORDER BY 1, 2`,
    );
    assert.deepEqual(handoffs, [
      ['1', 1, 'team', '10', '20', '200', null, true, 600, true, false],
      ['1', 2, 'agent', '20', '20', '201', '202', true, 0, true, false],
    ]);
    const conversations = await rows(
      engine,
      `SELECT conversation_id, resolved, reopened, csat, fcr, handoff_count, channel_path, team_path
       FROM conversations ORDER BY 1`,
    );
    assert.deepEqual(conversations, [
      ['1', true, true, 5, false, 2, 'email', '10 → 20'],
      ['2', true, false, 1, true, 0, 'chat', '10'],
    ]);
  });
});

test('NDJSON pages without users, NDJSON audits and incremental ticket events', async () => {
  const files = ['audit-pages.ndjson', 'ticket-events.json', 'audits.ndjson'].map(fixture);
  await imported(files, async (engine, reports) => {
    const messages = await rows(
      engine,
      `SELECT conversation_id, source_row, actor, agent_id, channel, text FROM events WHERE event_type = 'message'
       ORDER BY conversation_id, ts`,
    );
    // Without a users sideload the requester is the customer and any other author an agent.
    assert.deepEqual(messages, [
      ['3', 1, 'customer', null, 'phone', 'Call transcript: card blocked'],
      ['3', 2, 'agent', '210', 'phone', 'Unblocked'],
      ['4', 1, 'customer', null, 'email', 'Phone broken'],
      ['4', 2, 'agent', '230', 'email', 'On it'],
      ['4', 4, 'agent', '231', 'email', 'Replacement sent'],
      ['5', 2, 'customer', null, 'email', 'Ping'],
      ['5', 3, 'agent', '220', 'api', 'Pong'],
    ]);
    const handoffs = await rows(
      engine,
      'SELECT conversation_id, kind, from_team, to_team, from_agent, to_agent, handoff_time_s, success FROM handoffs',
    );
    assert.deepEqual(handoffs, [['4', 'team', '30', '31', '230', null, 180, true]]);
    const outcomes = await rows(
      engine,
      'SELECT conversation_id, resolved, csat FROM conversations ORDER BY 1',
    );
    assert.deepEqual(outcomes, [
      ['3', true, null],
      ['4', true, null],
      ['5', false, 4],
    ]);
    // The pagination record on line 3 holds no audit: counted, not silently dropped.
    const unread = reports[0]?.problems.find((p) => p.code === 'zendesk-record-skipped');
    assert.deepEqual([unread?.count, unread?.at.row], [1, 3]);
  });
});

test('gzip reads the same, and a re-import repeats every event', async () => {
  await withTempDir(async (dir) => {
    const gz = join(dir, 'audits-page.json.gz');
    await writeFile(gz, gzipSync(await readFile(fixture('audits-page.json'))));
    let plain: unknown[][] = [];
    await imported([fixture('audits-page.json')], async (engine) => {
      plain = await eventTuples(engine, TIME);
    });
    await imported([gz, fixture('audits-page.json')], async (engine, reports) => {
      assert.deepEqual(await eventTuples(engine, TIME), plain);
      assert.equal(reports[1]?.duplicates, 20);
      assert.equal(reports[1]?.imported, 0);
    });
  });
});

test('sniffing tells Zendesk files from Intercom and CSV files', async () => {
  for (const name of ['audits-page.json', 'audit-pages.ndjson', 'audits.ndjson', 'ticket-events.json']) {
    const head = await readHead(fixture(name));
    assert.equal(zendeskSource.sniff(head, name), true, name);
    assert.equal(intercomSource.sniff(head, name), false, name);
  }
  const intercom = await readHead(
    fileURLToPath(new URL('../../test/fixtures/intercom/conversations.json', import.meta.url)),
  );
  assert.equal(zendeskSource.sniff(intercom, 'conversations.json'), false);
  assert.equal(zendeskSource.sniff('ticket_id,audits,events\n1,2,3\n', 'x.csv'), false);
  await withTempDir(async (dir) => {
    const gz = join(dir, 'page.json.gz');
    await writeFile(gz, gzipSync(await readFile(fixture('audits-page.json'))));
    assert.equal(zendeskSource.sniff(await readHead(gz), gz), true);
  });
});

test('malformed JSON, or JSON with no audits, is a DataError naming the file', async () => {
  await withTempDir(async (dir) => {
    const bad = join(dir, 'broken.json');
    await writeFile(bad, '{"audits": [{"id": 1, "ticket_id": 1,');
    const other = join(dir, 'other.json');
    await writeFile(other, '{"tickets": [{"id": 1}]}');
    for (const file of [bad, other]) {
      await assert.rejects(
        imported([file], async () => {}),
        (e: unknown) => e instanceof DataError && e.message.includes(file),
      );
    }
  });
});
