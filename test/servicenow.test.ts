// The ServiceNow importer: snapshots become routing, handoffs, work, resolutions and reopens; and its own answer key.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Engine } from '../src/engine/engine.js';
import { deriveHandoffs } from '../src/handoffs/derive.js';
import { type ImportReport, importWithSource } from '../src/ingest/import-file.js';
import type { SourceOptions } from '../src/ingest/source.js';
import { servicenowSource } from '../src/ingest/sources/servicenow.js';
import { reassignmentAgreement } from '../src/ingest/sources/servicenow-agreement.js';
import { SCHEMA_SQL } from '../src/model/schema.js';

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/servicenow/incidents.csv', import.meta.url));
const DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const SAMPLE = `${DATA}servicenow/incident_event_log_sample.csv`;

async function imported<T>(
  file: string,
  options: SourceOptions,
  work: (engine: Engine, report: ImportReport) => Promise<T>,
): Promise<T> {
  const engine = await Engine.open();
  try {
    await engine.run(SCHEMA_SQL);
    const report = await importWithSource(engine, file, servicenowSource, options);
    await deriveHandoffs(engine);
    return await work(engine, report);
  } finally {
    engine.close();
  }
}

const EVENTS_SQL = `SELECT conversation_id AS c, strftime(ts, '%m-%d %H:%M') AS t, event_type AS e,
    coalesce(agent_id, '') AS a, coalesce(team, '') AS team, coalesce(tier, '') AS tier
  FROM events ORDER BY conversation_id, ts, CASE event_type WHEN 'assign' THEN 0 WHEN 'message' THEN 1
    WHEN 'resolve' THEN 2 ELSE 3 END`;
const row = (r: Record<string, unknown>) => `${r.c} ${r.t} ${r.e} ${r.a}|${r.team}|${r.tier}`;

test('fixture: each snapshot gives the events its changes mean, in sys_mod_count order, dates day-first', async () => {
  await imported(FIXTURE, { tierFrom: 'L(\\d)' }, async (engine, report) => {
    const events = (await engine.all(EVENTS_SQL)).map(row);
    assert.deepEqual(events, [
      'INC0000001 03-13 09:00 assign |Group A|', // routing to the group's queue
      'INC0000001 03-13 09:10 assign Resolver 1|Group A|', // pick-up
      'INC0000001 03-13 09:20 message |Group A|',
      'INC0000001 03-13 09:30 message |Group A|',
      'INC0000001 03-13 10:00 assign |Group B|', // moved to Group B's queue (row written after mod 5)
      'INC0000001 03-13 10:30 assign Resolver 2|Group B|',
      'INC0000001 03-13 11:00 message |Group B|',
      'INC0000001 03-13 12:00 message |Group B|',
      'INC0000001 03-13 12:00 resolve ||', // the Closed update (mod 10) adds nothing
      'INC0000002 04-01 08:00 assign Resolver 3|L1 Desk|1',
      'INC0000002 04-01 08:30 assign Resolver 4|L1 Desk|1',
      'INC0000002 04-01 08:45 message |L1 Desk|1',
      'INC0000002 04-01 09:00 message |L1 Desk|1',
      'INC0000002 04-01 09:00 resolve ||', // resolved_at (final value, 2/4 10:00) is later: the update's time
      'INC0000002 04-01 15:00 message |L1 Desk|1',
      'INC0000002 04-01 15:00 reopen ||',
      'INC0000002 04-02 09:00 assign |L2 Net|2',
      'INC0000002 04-02 10:00 assign Resolver 5|L2 Net|2',
      'INC0000002 04-02 10:00 message |L2 Net|2',
      'INC0000002 04-02 10:00 resolve ||',
      'INC0000003 05-05 14:00 assign ||', // opened with no group ('?')
      'INC0000003 05-05 14:10 assign |Group C|',
      'INC0000003 05-05 14:20 assign Resolver 6|(no group)|', // group emptied
      'INC0000003 05-05 15:00 message ||',
      'INC0000003 05-05 16:00 message ||',
      'INC0000003 05-05 16:00 resolve ||', // resolved_at is '?': the update's time
    ]);
    assert.deepEqual([report.rowsRead, report.imported, report.rejected, report.duplicates], [26, 26, 0, 0]);
    const silent = report.problems.find((p) => p.code === 'snapshot-without-event');
    // 26 events from 20 snapshots; the other 4 snapshots gave none: 24 CSV records, each accounted for.
    assert.equal(silent?.count, 4);
    const sourced = await engine.one('SELECT count(DISTINCT source_row) AS n FROM events');
    assert.equal(sourced.n, 20);
    const attrs = await engine.all(
      `SELECT conversation_id AS c, channel, customer_id, category, priority FROM events
       WHERE event_type = 'assign' AND channel IS NOT NULL ORDER BY c`,
    );
    assert.deepEqual(attrs, [
      {
        c: 'INC0000001',
        channel: 'phone',
        customer_id: 'Caller 1',
        category: 'Category 1',
        priority: '3 - moderate',
      },
      {
        c: 'INC0000002',
        channel: 'email',
        customer_id: 'Caller 2',
        category: 'Category 2',
        priority: '3 - moderate',
      },
      { c: 'INC0000003', channel: 'phone', customer_id: null, category: null, priority: '3 - moderate' },
    ]);
  });
});

test('fixture: handoffs, their completion by the new owner’s first update, and the outcome', async () => {
  await imported(FIXTURE, { tierFrom: 'L(\\d)' }, async (engine) => {
    const handoffs = await engine.all(
      `SELECT conversation_id AS c, strftime(handoff_at, '%m-%d %H:%M') AS at, kind, from_team, to_team, from_agent,
         to_agent, is_escalation AS esc, completed, handoff_time_s AS wait_s, success
       FROM handoffs ORDER BY conversation_id, handoff_no`,
    );
    assert.deepEqual(handoffs, [
      // Group A → Group B's queue; Resolver 2's pick-up is not a handoff, the update after it completes it.
      {
        c: 'INC0000001',
        at: '03-13 10:00',
        kind: 'team',
        from_team: 'Group A',
        to_team: 'Group B',
        from_agent: 'Resolver 1',
        to_agent: null,
        esc: false,
        completed: true,
        wait_s: 3600,
        success: true,
      },
      {
        c: 'INC0000002',
        at: '04-01 08:30',
        kind: 'agent',
        from_team: 'L1 Desk',
        to_team: 'L1 Desk',
        from_agent: 'Resolver 3',
        to_agent: 'Resolver 4',
        esc: false,
        completed: true,
        wait_s: 900,
        success: true,
      },
      // Taken and resolved in one update: completed at once.
      {
        c: 'INC0000002',
        at: '04-02 09:00',
        kind: 'tier',
        from_team: 'L1 Desk',
        to_team: 'L2 Net',
        from_agent: 'Resolver 4',
        to_agent: null,
        esc: true,
        completed: true,
        wait_s: 3600,
        success: true,
      },
      // First assignment out of an empty group, moved on before anyone worked it.
      {
        c: 'INC0000003',
        at: '05-05 14:10',
        kind: 'team',
        from_team: null,
        to_team: 'Group C',
        from_agent: null,
        to_agent: null,
        esc: false,
        completed: false,
        wait_s: null,
        success: false,
      },
      {
        c: 'INC0000003',
        at: '05-05 14:20',
        kind: 'team',
        from_team: 'Group C',
        to_team: '(no group)',
        from_agent: null,
        to_agent: 'Resolver 6',
        esc: false,
        completed: true,
        wait_s: 2400,
        success: true,
      },
    ]);
    const conversations = await engine.all(
      'SELECT conversation_id AS c, resolved, reopened, handoff_count AS n FROM conversations ORDER BY c',
    );
    assert.deepEqual(conversations, [
      { c: 'INC0000001', resolved: true, reopened: false, n: 1 },
      { c: 'INC0000002', resolved: true, reopened: true, n: 2 },
      { c: 'INC0000003', resolved: true, reopened: false, n: 2 },
    ]);
  });
});

test('fixture: without --tier-from the escalation is a team handoff; --tz moves the naive times', async () => {
  await imported(FIXTURE, { tz: 'Europe/Paris' }, async (engine) => {
    const h = await engine.one(
      `SELECT kind, to_tier, strftime(handoff_at, '%m-%d %H:%M') AS at FROM handoffs
       WHERE conversation_id = 'INC0000002' AND handoff_no = 2`,
    );
    assert.deepEqual(h, { kind: 'team', to_tier: null, at: '04-02 07:00' }); // CEST: UTC+2
  });
});

test('fixture: the answer key compares our group changes with reassignment_count', async () => {
  await imported(FIXTURE, {}, async (engine) => {
    assert.deepEqual(await engine.all('SELECT * FROM servicenow_incidents ORDER BY number'), [
      { number: 'INC0000001', reassignment_count: 1, reopen_count: 0, made_sla: true },
      { number: 'INC0000002', reassignment_count: 1, reopen_count: 1, made_sla: false },
      { number: 'INC0000003', reassignment_count: 3, reopen_count: 0, made_sla: true },
    ]);
    // INC0000003's counter says 3, its exported updates show 2 group changes: it must disagree.
    assert.deepEqual(await reassignmentAgreement(engine), {
      incidents: 3,
      agreeing: 2,
      share: 2 / 3,
      ourTotal: 4,
      theirTotal: 5,
    });
  });
});

const haveData = existsSync(SAMPLE);
test('real sample (UCI incident log, 3,000 incidents): every row read, none rejected, agreement with ServiceNow', {
  skip: !haveData && !process.env.CI ? `${SAMPLE} is absent (fresh clone): real-data test skipped` : false,
}, async () => {
  assert.ok(haveData, `${SAMPLE} is missing; CI must have the shared data folder`);
  await imported(SAMPLE, {}, async (engine, report) => {
    const silent = report.problems.find((p) => p.code === 'snapshot-without-event')?.count ?? 0;
    const sourced = await engine.one<{ n: number }>('SELECT count(DISTINCT source_row) AS n FROM events');
    // Events are what the pipeline counts; CSV records are those that gave events plus those that gave none.
    assert.equal(sourced.n + silent, 21453);
    assert.equal(report.rejected, 0);
    assert.equal(report.duplicates, 0);
    assert.equal(report.rowsRead, report.imported);
    const key = await reassignmentAgreement(engine);
    assert.equal(key.incidents, 3000);
    assert.equal(key.theirTotal, 3994);
    // Every change of the group field, emptied ones included, as ServiceNow counts: 98.7%.
    assert.equal(key.agreeing, 2962);
    assert.equal(key.ourTotal, 3956);
    // The README's 82% counts only changes between two named groups: reproduced here on the raw file.
    const plain = await engine.one<{ agreeing: number }>(
      `WITH s AS (SELECT number, nullif(assignment_group, '?') AS g, CAST(reassignment_count AS INTEGER) AS rc,
             row_number() OVER w AS k, lag(nullif(assignment_group, '?')) OVER w AS pg
           FROM read_csv($path, all_varchar = true, header = true)
           WINDOW w AS (PARTITION BY number ORDER BY CAST(sys_mod_count AS INTEGER),
             strptime(sys_updated_at, '%d/%m/%Y %H:%M')))
         SELECT count(*) FILTER (WHERE n = rc) AS agreeing FROM (
           SELECT number, arg_max(rc, k) AS rc, count(*) FILTER (WHERE g <> pg) AS n FROM s GROUP BY number)`,
      { path: SAMPLE },
    );
    assert.equal(plain.agreeing, 2464);
    const c = await engine.one<{ n: number; resolved: number; with_handoff: number }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE resolved) AS resolved,
           count(*) FILTER (WHERE handoff_count > 0) AS with_handoff FROM conversations`,
    );
    assert.deepEqual(c, { n: 3000, resolved: 3000, with_handoff: 1664 });
    const h = await engine.one<{ n: number; completed: number; success: number }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE completed) AS completed, count(*) FILTER (WHERE success) AS success
         FROM handoffs`,
    );
    assert.deepEqual(h, { n: 4303, completed: 2401, success: 1675 });
  });
});
