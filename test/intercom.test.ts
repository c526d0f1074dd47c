// The Intercom importer: conversation.list pages and NDJSON, bot_to_human handoffs, gzip, sniffing and bad JSON.
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
  fileURLToPath(new URL(`../../test/fixtures/intercom/${name}`, import.meta.url));

const imported = (files: string[], work: (engine: Engine, reports: ImportReport[]) => Promise<void>) =>
  withSourceImport(intercomSource, files, {}, work);

const TIME = '%H:%M:%S';
const rows = async (engine: Engine, sql: string) => (await engine.all(sql)).map((r) => Object.values(r));

test('a conversation.list page: every part type mapped, exactly', async () => {
  await imported([fixture('conversations.json')], async (engine, [report]) => {
    const expected: EventTuple[] = [
      [1, '101', '09:00:00', 'message', 'customer', null, null, 'chat', 'My app crashes', null],
      [1, '101', '09:00:10', 'assign', null, 'bot:fin1', null, 'chat', null, null],
      [1, '101', '09:00:10', 'message', 'bot', 'bot:fin1', null, 'chat', 'Try restarting', null],
      [1, '101', '09:01:00', 'message', 'customer', null, null, 'chat', "Didn't work", null],
      [1, '101', '09:01:10', 'assign', null, null, 'T1', 'chat', null, null],
      [1, '101', '09:01:40', 'assign', null, 'a1', null, 'chat', null, null],
      [1, '101', '09:02:10', 'message', 'agent', 'a1', null, 'chat', 'Let me check', null],
      [1, '101', '09:02:20', 'note', 'agent', 'a1', null, 'chat', 'Known bug', null],
      [1, '101', '09:03:20', 'message', 'agent', 'a1', null, 'chat', 'Fixed in 2.1', null],
      [1, '101', '09:03:20', 'resolve', null, null, null, 'chat', null, null],
      [1, '101', '09:05:00', 'message', 'customer', null, null, 'chat', 'One more thing', null],
      [1, '101', '09:05:10', 'reopen', null, null, null, 'chat', null, null],
      [1, '101', '09:05:20', 'assign', null, null, 'T2', 'chat', null, null],
      [1, '101', '09:05:30', 'assign', null, 'a2', null, 'chat', null, null],
      [1, '101', '09:05:40', 'message', 'agent', 'a2', null, 'chat', 'Billing sorted', null],
      [1, '101', '09:06:40', 'resolve', null, null, null, 'chat', null, null],
      [1, '101', '09:08:20', 'csat', null, null, null, 'chat', null, 4],
      [2, '102', '10:00:00', 'message', 'customer', null, null, 'email', 'Refund please', null],
      [2, '102', '10:00:10', 'assign', null, 'a3', null, 'email', null, null],
      [2, '102', '10:00:20', 'message', 'agent', 'a3', null, 'email', 'Refunded', null],
      [2, '102', '10:00:30', 'resolve', null, null, null, 'email', null, null],
      [2, '102', '10:01:40', 'assign', null, 'a4', null, 'email', null, null],
      [2, '102', '10:01:40', 'reopen', null, null, null, 'email', null, null],
      [2, '102', '10:02:40', 'message', 'agent', 'a4', null, 'email', 'Partial refund instead', null],
      [2, '102', '10:03:20', 'resolve', null, null, null, 'email', null, null],
    ];
    assert.deepEqual(await eventTuples(engine, TIME), expected);
    assert.ok(report);
    assert.equal(report.imported, expected.length);
    assert.equal(report.rejected, 0);
    const attributes = await rows(
      engine,
      'SELECT DISTINCT conversation_id, customer_id, priority FROM events ORDER BY 1',
    );
    assert.deepEqual(attributes, [
      ['101', 'u1', 'priority'],
      ['102', 'l1', 'not_priority'],
    ]);
    const skipped = report.problems
      .filter((p) => p.code === 'intercom-part-skipped')
      .map((p) => [p.severity, p.message, p.count]);
    assert.deepEqual(skipped, [
      ['info', "conversation parts 'assignment to nobody_admin' give no handoff event and were skipped", 1],
      ['info', "conversation parts 'participant_added' give no handoff event and were skipped", 1],
      ['info', "conversation parts 'snoozed' give no handoff event and were skipped", 1],
      ['info', "conversation parts 'unsnoozed' give no handoff event and were skipped", 1],
    ]);
  });
});

test('Intercom handoffs: bot to a team, bot to an admin, team and agent handoffs, reopen, success and csat', async () => {
  await imported(
    [fixture('conversations.json'), fixture('conversations.ndjson')],
    async (engine, reports) => {
      const handoffs = await rows(
        engine,
        `SELECT conversation_id, handoff_no, kind, from_team, to_team, from_agent, to_agent, completed, handoff_time_s,
         success FROM handoffs ORDER BY 1, 2`,
      );
      assert.deepEqual(handoffs, [
        ['101', 1, 'bot_to_human', null, 'T1', 'bot:fin1', null, true, 60, true],
        ['101', 2, 'team', 'T1', 'T2', 'a1', null, true, 20, true],
        ['102', 1, 'agent', null, null, 'a3', 'a4', true, 60, true],
        ['103', 1, 'bot_to_human', null, null, 'bot:814', 'a5', true, 60, true],
      ]);
      const conversations = await rows(
        engine,
        'SELECT conversation_id, resolved, reopened, csat, handoff_count, bot_handoffs, channel_path FROM conversations ORDER BY 1',
      );
      assert.deepEqual(conversations, [
        ['101', true, true, 4, 2, 1, 'chat'],
        ['102', true, true, null, 1, 0, 'email'],
        ['103', true, false, 5, 1, 1, 'chat'],
        ['104', false, false, null, 0, 0, 'email'],
      ]);
      assert.deepEqual(await rows(engine, 'SELECT agent_id FROM bots ORDER BY 1'), [
        ['bot:814'],
        ['bot:fin1'],
      ]);
      // NDJSON: source_row is the line; an `open` that reopens nothing and the pagination line are counted.
      assert.deepEqual(
        await rows(
          engine,
          "SELECT DISTINCT conversation_id, source_row FROM events WHERE conversation_id IN ('103', '104') ORDER BY 1",
        ),
        [
          ['103', 1],
          ['104', 2],
        ],
      );
      const codes = reports[1]?.problems.map((p) => [p.code, p.count, p.at.row]);
      assert.deepEqual(codes, [
        ['intercom-record-skipped', 1, 3],
        ['intercom-part-skipped', 1, 1],
      ]);
    },
  );
});

test('gzip reads the same, and a re-import repeats every event', async () => {
  await withTempDir(async (dir) => {
    const gz = join(dir, 'conversations.ndjson.gz');
    await writeFile(gz, gzipSync(await readFile(fixture('conversations.ndjson'))));
    let plain: unknown[][] = [];
    await imported([fixture('conversations.ndjson')], async (engine) => {
      plain = await eventTuples(engine, TIME);
    });
    await imported([gz, fixture('conversations.ndjson')], async (engine, reports) => {
      assert.deepEqual(await eventTuples(engine, TIME), plain);
      assert.equal(reports[1]?.imported, 0);
      assert.equal(reports[1]?.duplicates, plain.length);
    });
  });
});

test('sniffing tells Intercom files from Zendesk and CSV files', async () => {
  for (const name of ['conversations.json', 'conversations.ndjson']) {
    const head = await readHead(fixture(name));
    assert.equal(intercomSource.sniff(head, name), true, name);
    assert.equal(zendeskSource.sniff(head, name), false, name);
  }
  const zendesk = await readHead(
    fileURLToPath(new URL('../../test/fixtures/zendesk/audits-page.json', import.meta.url)),
  );
  assert.equal(intercomSource.sniff(zendesk, 'audits-page.json'), false);
  assert.equal(intercomSource.sniff('conversation_id,conversation_parts\n1,2\n', 'x.csv'), false);
});

test('malformed JSON, or JSON with no conversations, is a DataError naming the file', async () => {
  await withTempDir(async (dir) => {
    const bad = join(dir, 'broken.json');
    await writeFile(bad, '{"type": "conversation.list", "conversations": [{"id": "1"');
    const other = join(dir, 'contacts.json');
    await writeFile(other, '{"type": "list", "data": [{"type": "contact", "id": "u1"}]}');
    for (const file of [bad, other]) {
      await assert.rejects(
        imported([file], async () => {}),
        (e: unknown) => e instanceof DataError && e.message.includes(file),
      );
    }
  });
});
