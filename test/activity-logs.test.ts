// Activity logs in CSV (no event_type column): --activity, owner activities and tiers, on tiny logs and real ones.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze } from '../src/analysis/analyze.js';
import type { Engine } from '../src/engine/engine.js';
import type { ImportReport } from '../src/ingest/import-file.js';
import type { SourceOptions } from '../src/ingest/source.js';
import { genericSource } from '../src/ingest/sources/generic.js';
import { DataError } from '../src/model/errors.js';
import { withSourceImport } from './support/import-source.js';
import { sharedFile } from './support/shared-data.js';
import { withTempDir } from './support/temp-data.js';

const DATA = new URL('../../../shared/data/', import.meta.url);

const withImport = <T>(
  file: string,
  options: SourceOptions,
  work: (engine: Engine, report: ImportReport) => Promise<T>,
) => withSourceImport(genericSource, [file], options, (engine, [report]) => work(engine, report!));

const TINY = [
  'Case,Activity,Status,Resource,Group,When',
  't1,Take in charge,,ann,Desk,2012-01-01 09:00',
  't1,Take in charge,,bob,Apps 2nd,2012-01-01 10:00',
  't1,Closed,,clerk,Desk,2012-01-01 11:00',
  't2,Take in charge,Open,ann,Desk,2012-01-02 09:00',
  't2,,,ann,Desk,2012-01-02 09:30',
  't2,Reopened,,ann,Desk,2012-01-02 10:00',
].join('\n');
const TINY_MAP = { conversation_id: 'Case', timestamp: 'When', agent_id: 'Resource', team: 'Group' };

test('--activity: event types come from activities, and event_type is no longer required', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'tiny.csv');
    await writeFile(file, TINY);
    await assert.rejects(
      withImport(file, { map: TINY_MAP }, async () => null),
      (e: unknown) => e instanceof DataError && e.problems.some((p) => p.code === 'missing-column'),
    );
    await assert.rejects(
      withImport(file, { map: TINY_MAP, activity: 'Step' }, async () => null),
      (e: unknown) =>
        e instanceof DataError && e.problems.length === 1 && e.problems[0]?.at.field === 'activity',
    );
    const options = { map: TINY_MAP, activity: 'activity', tierFrom: ' (2nd|3rd)$' };
    await withImport(file, options, async (engine, r) => {
      assert.deepEqual([r.rowsRead, r.imported, r.rejected], [6, 5, 1]);
      assert.equal(r.problems.find((p) => p.code === 'missing-event-type')?.at.row, 5);
      assert.equal(r.mapping.event_type, 'activity Activity');
      const rows = await engine.all(
        'SELECT event_type AS e, actor AS a, tier, text FROM events ORDER BY source_row',
      );
      assert.deepEqual(rows, [
        { e: 'message', a: 'agent', tier: '1', text: 'Take in charge' },
        { e: 'message', a: 'agent', tier: '2nd', text: 'Take in charge' },
        { e: 'resolve', a: null, tier: '1', text: 'Closed' },
        { e: 'message', a: 'agent', tier: '1', text: 'Take in charge' },
        { e: 'reopen', a: null, tier: '1', text: 'Reopened' },
      ]);
    });
    // Two columns joined with '+' read as one activity; a non-owner activity is a note.
    const joined = { map: TINY_MAP, activity: 'Activity+Status', ownerActivities: '^take in charge$' };
    await withImport(file, joined, async (engine) => {
      const rows = await engine.all('SELECT event_type AS e, text FROM events ORDER BY source_row');
      assert.deepEqual(
        rows.map((x) => `${x.e}:${x.text}`),
        [
          'message:Take in charge',
          'message:Take in charge',
          'resolve:Closed',
          'note:Take in charge/Open',
          'reopen:Reopened',
        ],
      );
    });
  });
});

const HELPDESK: SourceOptions = {
  map: { conversation_id: 'Case ID', timestamp: 'Complete Timestamp', agent_id: 'Resource' },
  activity: 'Activity',
  // Resolution is `Resolve ticket`; `Closed` is the administrative closure that follows it.
  resolveActivities: '^resolve ticket$',
};
const HELPDESK_OWNERS =
  '^(insert ticket|assign seriousness|take in charge ticket|wait|require upgrade|create sw anomaly|resolve sw anomaly|schedule intervention)$';

test('help desk (real CSV): every row accounted for; the closing clerk is not an owner', async (t) => {
  const file = sharedFile(t, DATA, 'helpdesk/finale.csv');
  if (!file) return;
  const naive = await withImport(file, HELPDESK, async (engine, r) => {
    // 127 rows of the file are exact copies of another row (checked column by column): they count once.
    assert.deepEqual([r.rowsRead, r.imported, r.rejected, r.duplicates], [21348, 21221, 0, 127]);
    const a = await analyze(engine);
    assert.equal(a.data.conversations, 4580);
    return a.metrics.handoff_rate;
  });
  // Read naively, the clerk's `Closed` takes the ticket over: nearly every ticket is a handoff.
  assert.deepEqual([naive?.numerator, naive?.denominator], [4576, 4580]);
  const owners = await withImport(file, { ...HELPDESK, ownerActivities: HELPDESK_OWNERS }, async (engine) => {
    const a = await analyze(engine);
    const clerks = await engine.one(
      "SELECT count(*) AS n FROM handoffs WHERE to_agent IN ('Value 5', 'Value 3') OR from_agent IN ('Value 5', 'Value 3')",
    );
    return { rate: a.metrics.handoff_rate, clerks: clerks.n };
  });
  assert.deepEqual([owners.rate?.numerator, owners.rate?.denominator], [2621, 4580]);
  // Value 5 and Value 3 still own the few tickets they worked on (Insert ticket, Take in charge).
  assert.ok(Number(owners.clerks) < 100, `clerk handoffs: ${owners.clerks}`);
});

test('BPI Challenge 2013 closed problems (real CSV): support teams, tiers and ping-pong', async (t) => {
  const file = sharedFile(t, DATA, 'bpic2013-problems/BPI_Challenge_2013_closed_problems.csv');
  if (!file) return;
  const options: SourceOptions = {
    map: {
      conversation_id: 'case:concept:name',
      timestamp: 'time:timestamp',
      agent_id: 'org:resource',
      team: 'organization involved',
    },
    activity: 'concept:name+lifecycle:transition',
    tierFrom: ' (2nd|3rd)$',
  };
  await withImport(file, options, async (engine, r) => {
    assert.deepEqual([r.rowsRead, r.imported, r.rejected, r.duplicates], [6660, 6660, 0, 0]);
    const tiers = await engine.all('SELECT tier, count(*) AS n FROM events GROUP BY 1 ORDER BY 1');
    assert.deepEqual(tiers, [
      { tier: '1', n: 279 },
      { tier: '2nd', n: 3947 },
      { tier: '3rd', n: 2434 },
    ]);
    const a = await analyze(engine);
    assert.equal(a.data.conversations, 1487);
    const pp = a.metrics.ping_pong_rate;
    assert.deepEqual([pp?.numerator, pp?.denominator], [118, 595]);
  });
});
