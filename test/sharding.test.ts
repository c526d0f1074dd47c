// Scale-out proof (issue #9): a demo log split by conversation_id into 4 shards, each derived in its own engine,
// merged from partial aggregates, matches the single-node answer for every catalog metric.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Baton } from '../src/baton.js';
import { writeDemoCsv } from '../src/demo/index.js';
import { Engine } from '../src/engine/engine.js';
import type { SqlEngine } from '../src/engine/sql-engine.js';
import type { QueryResult, QuerySpec } from '../src/metrics/query.js';
import { catalog } from '../src/metrics/registry.js';
import { runShardedQuery } from '../src/metrics/sharded-query.js';
import { UsageError } from '../src/model/errors.js';
import { ENGINES_UNDER_TEST, engineOptions } from './support/engines.js';

const SHARDS = 4;
const BY = [[], ['channel_pair'], ['team_pair'], ['start_channel'], ['category'], ['date']];
/** Values and interval bounds: |a − b| ≤ TOLERANCE × max(|a|, |b|). Counts, numerators and denominators: equal. */
const TOLERANCE = 1e-9;

let dir = '';
let single: Baton;
const shards: Baton[] = [];
let shardFiles: string[] = [];
let coordinator: Engine;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baton-sharding-'));
  const whole = join(dir, 'events.csv');
  await writeDemoCsv(whole, { conversations: 800, seed: 5 });
  shardFiles = await splitByConversation(whole, SHARDS);
  single = await Baton.open();
  await single.import([whole]);
  for (const file of shardFiles) {
    const shard = await Baton.open();
    shards.push(shard);
    await shard.import([file]);
  }
  coordinator = await Engine.open();
});

after(async () => {
  coordinator?.close();
  for (const shard of shards) await shard.close();
  await single?.close();
  await rm(dir, { recursive: true, force: true });
});

const engines = (batons: readonly Baton[]): SqlEngine[] => batons.map((b) => b.analysisEngine);

test('the split keeps whole conversations: four shards whose conversations and events add up to the log', async () => {
  const total = await single.query({ metrics: ['conversations', 'events'] });
  const parts = await Promise.all(shards.map((s) => s.query({ metrics: ['conversations', 'events'] })));
  for (const part of parts) assert.ok((part.rows[0]?.values.conversations?.value ?? 0) > 100);
  for (const id of ['conversations', 'events']) {
    const sum = parts.reduce((acc, p) => acc + (p.rows[0]?.values[id]?.value ?? 0), 0);
    assert.equal(sum, total.rows[0]?.values[id]?.value, id);
  }
  assert.equal(total.rows[0]?.values.conversations?.value, 800);
});

// The derivation's one global input is the set of bots; a shard that saw an agent id only as a handoff target
// would not know it was a bot. In the demo every bot sends messages in every shard that mentions it.
test('every agent id a shard mentions is a bot there exactly when it is a bot in the whole log', async () => {
  const ids = async (engine: SqlEngine, sql: string) =>
    new Set((await engine.all<{ id: string }>(sql)).map((r) => r.id));
  const bots = await ids(single.analysisEngine, 'SELECT agent_id AS id FROM bots');
  assert.ok(bots.size > 0, 'the demo has bots');
  for (const [i, shard] of shards.entries()) {
    const mentioned = await ids(
      shard.analysisEngine,
      'SELECT DISTINCT agent_id AS id FROM events WHERE agent_id IS NOT NULL UNION SELECT agent_id AS id FROM bots',
    );
    const shardBots = await ids(shard.analysisEngine, 'SELECT agent_id AS id FROM bots');
    const expected = [...mentioned].filter((id) => bots.has(id)).sort();
    assert.deepEqual([...shardBots].sort(), expected, `shard ${i}`);
  }
});

test('every catalog metric merged from four shards matches the single node', async (t) => {
  const { failures, compared, worst } = await compareAll(engines(shards));
  t.diagnostic(`${compared} numbers compared; largest relative difference ${worst.toExponential(2)}`);
  assert.deepEqual(failures, []);
  assert.ok(compared > 1000, `compared ${compared}`);
});

test('filters and two dimensions at once merge the same way', async () => {
  const specs: QuerySpec[] = [
    {
      metrics: ['handoff_success_rate', 'handoff_time_median_s', 'handoff_time_avg_s'],
      by: ['kind', 'weekday'],
    },
    {
      metrics: ['csat_avg', 'resolution_time_increase_per_handoff_adjusted'],
      by: ['segment'],
      where: { start_channel: 'chat' },
    },
    { metrics: ['events'], by: ['event_type', 'hour'], where: { weekday: 'Tue' } },
  ];
  const failures: string[] = [];
  for (const spec of specs) {
    const expected = await single.query(spec);
    assert.ok(expected.rows.length > 1);
    compare(
      expected,
      await runShardedQuery(engines(shards), coordinator, spec),
      JSON.stringify(spec),
      failures,
    );
  }
  assert.deepEqual(failures, []);
});

test('the comparison has teeth: three shards of four do not match the whole', async () => {
  const { failures } = await compareAll(engines(shards.slice(1)));
  assert.ok(failures.length > 50, `${failures.length} mismatches`);
});

test('peak hours and shrinkage, which need every shard at once, are refused', async () => {
  const refused = async (spec: QuerySpec, code: string) =>
    assert.rejects(runShardedQuery(engines(shards), coordinator, spec), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.ok(
        error.problems.some((p) => p.code === code),
        JSON.stringify(error.problems),
      );
      return true;
    });
  await refused({ metrics: ['handoffs'], by: ['peak'] }, 'dimension-not-shard-local');
  await refused({ metrics: ['handoffs'], where: { peak: 'peak' } }, 'dimension-not-shard-local');
  await refused({ metrics: ['handoff_success_rate'], by: ['team_pair'], shrink: true }, 'shrink-not-sharded');
});

// Shards need not share an engine: the partials are compiled in each shard's dialect and merged on DuckDB.
for (const engine of ['postgres', 'clickhouse'] as const)
  test(`with one shard derived on ${engine} the merge still matches`, {
    skip: !ENGINES_UNDER_TEST.includes(engine) && `${engine} not under test`,
  }, async (t) => {
    const options = await engineOptions(engine);
    const warehouse = await Baton.open(options);
    try {
      await warehouse.import([shardFiles[0]!]);
      const mixed = [warehouse.analysisEngine, ...engines(shards.slice(1))];
      const { failures, compared, worst } = await compareAll(mixed);
      t.diagnostic(`${compared} numbers compared; largest relative difference ${worst.toExponential(2)}`);
      assert.deepEqual(failures, []);
    } finally {
      await warehouse.warehouse?.run(
        engine === 'postgres'
          ? `DROP SCHEMA IF EXISTS ${options.namespace} CASCADE`
          : `DROP DATABASE IF EXISTS ${options.namespace} SYNC`,
      );
      await warehouse.close();
    }
  });

/** Every catalog metric, alone and by each dimension of BY its grain has, single node against `shardEngines`. */
async function compareAll(shardEngines: SqlEngine[]) {
  const failures: string[] = [];
  const stats = { compared: 0, worst: 0 };
  for (const metric of catalog.metrics) {
    const valid = new Set(catalog.dimensionsFor(metric.grain).map((d) => d.id));
    for (const by of BY.filter((dims) => dims.every((d) => valid.has(d)))) {
      const spec = { metrics: [metric.id], by };
      const expected = await single.query(spec);
      const actual = await runShardedQuery(shardEngines, coordinator, spec);
      compare(expected, actual, `${metric.id} by [${by}]`, failures, stats);
    }
  }
  return { failures, ...stats };
}

/** Adds a line to `failures` for every difference between two query results, rows in the same order. */
function compare(
  expected: QueryResult,
  actual: QueryResult,
  label: string,
  failures: string[],
  stats = { compared: 0, worst: 0 },
): void {
  const fail = (what: string) => {
    failures.push(`${label}: ${what}`);
  };
  if (actual.rows.length !== expected.rows.length) {
    fail(`${actual.rows.length} rows, expected ${expected.rows.length}`);
    return;
  }
  for (const [i, want] of expected.rows.entries()) {
    const got = actual.rows[i]!;
    if (JSON.stringify(got.dimensions) !== JSON.stringify(want.dimensions)) {
      fail(`row ${i} is ${JSON.stringify(got.dimensions)}, expected ${JSON.stringify(want.dimensions)}`);
      continue;
    }
    for (const id of expected.metrics) {
      const w = want.values[id];
      const g = got.values[id];
      const at = `${id} at ${JSON.stringify(want.dimensions)}`;
      // With several metrics a row may hold only some of them (no completed handoff, no median).
      if (!w || !g) {
        if (w || g) fail(`${at} ${g ? 'not expected' : 'missing'}`);
        continue;
      }
      // A mean's numerator is a sum of doubles, whose last bits depend on the order they were added in.
      const sumOfDoubles = catalog.metric(id)?.kind === 'mean';
      const pairs: [string, number | null, number | null, boolean][] = [
        ['value', w.value, g.value, false],
        ['numerator', w.numerator, g.numerator, !sumOfDoubles],
        ['denominator', w.denominator, g.denominator, true],
        ['ci95 low', w.ci95?.[0] ?? null, g.ci95?.[0] ?? null, false],
        ['ci95 high', w.ci95?.[1] ?? null, g.ci95?.[1] ?? null, false],
      ];
      for (const [name, a, b, exact] of pairs) {
        stats.compared++;
        if (a === null || b === null) {
          if (a !== b) fail(`${at} ${name} ${b}, expected ${a}`);
          continue;
        }
        const relative = a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
        stats.worst = Math.max(stats.worst, relative);
        if (exact ? a !== b : relative > TOLERANCE) fail(`${at} ${name} ${b}, expected ${a}`);
      }
    }
  }
}

/**
 * Writes the log's records to `count` files by a hash of conversation_id, each with the header, records in
 * their original order (the read order breaks ties between events of one conversation).
 */
async function splitByConversation(file: string, count: number): Promise<string[]> {
  const [header = '', ...records] = csvRecords(await readFile(file, 'utf8'));
  const column = csvFields(header).indexOf('conversation_id');
  assert.ok(column >= 0);
  const parts: string[][] = Array.from({ length: count }, () => [header]);
  for (const record of records) {
    const id = csvFields(record)[column] ?? '';
    parts[createHash('sha256').update(id).digest().readUInt32BE(0) % count]!.push(record);
  }
  return Promise.all(
    parts.map(async (lines, i) => {
      const path = join(dir, `shard-${i}.csv`);
      await writeFile(path, lines.join(''));
      return path;
    }),
  );
}

/** RFC 4180 records, each with its line ending; a quoted field may hold line breaks. */
function csvRecords(text: string): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === '\n' && !quoted) {
      records.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) records.push(text.slice(start));
  return records;
}

/** The fields of one record, unquoted. */
function csvFields(record: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const c = record[i]!;
    if (quoted) {
      if (c === '"' && record[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c !== '\r' && c !== '\n') field += c;
  }
  fields.push(field);
  return fields;
}
