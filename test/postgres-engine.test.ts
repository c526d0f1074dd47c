// The PostgreSQL engine (parameters, row types, loading) and its dialect, each construct checked against DuckDB's.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { Baton } from '../src/baton.js';
import { writeDemoCsv } from '../src/demo/index.js';
import type { Dialect, TimePart } from '../src/engine/dialect.js';
import { Engine } from '../src/engine/engine.js';
import { isoTimestamp, type PostgresEngine } from '../src/engine/postgres-engine.js';
import { bindNamed } from '../src/engine/postgres-params.js';
import type { Row, SqlEngine, SqlParams } from '../src/engine/sql-engine.js';
import { deriveHandoffs } from '../src/handoffs/derive.js';
import { type QueryRow, runQuery } from '../src/metrics/query.js';
import { catalog } from '../src/metrics/registry.js';
import { WAREHOUSE_EVENT_COLUMNS } from '../src/model/warehouse-events.js';
import { workedExampleCsv } from './fixtures/worked-example.js';
import { withPostgres } from './support/postgres-server.js';
import { withTempDir } from './support/temp-data.js';

// --- parameters and row types -------------------------------------------------------------------------------

test('named parameters: repeated names share a number, quoted text and comments keep their $words', () => {
  const sql = `SELECT $a, 'it''s $a', "col$b", $b + $a, E'\\'$a', $$ $a $$, $tag$ $b $tag$ -- $a
  /* $b */ FROM t WHERE x = $c`;
  const { text, values } = bindNamed(sql, { a: 1, b: 'two', c: null, unused: true });
  assert.equal(
    text,
    `SELECT $1, 'it''s $a', "col$b", $2 + $1, E'\\'$a', $$ $a $$, $tag$ $b $tag$ -- $a
  /* $b */ FROM t WHERE x = $3`,
  );
  assert.deepEqual(values, [1, 'two', null]);
  assert.deepEqual(bindNamed('SELECT 1; SELECT 2', { a: 1 }), { text: 'SELECT 1; SELECT 2', values: [] });
  assert.throws(() => bindNamed('SELECT $missing', {}), /\$missing/);
});

test('PostgreSQL timestamp text becomes ISO 8601 with milliseconds and Z', () => {
  assert.equal(isoTimestamp('2026-10-01 09:00:00'), '2026-10-01T09:00:00.000Z');
  assert.equal(isoTimestamp('2026-10-01 09:00:00.123456'), '2026-10-01T09:00:00.123Z');
  assert.equal(isoTimestamp('2026-10-01 09:00:00.9999'), '2026-10-01T09:00:00.999Z');
  assert.equal(isoTimestamp('2026-10-01 09:00:00.5+00'), '2026-10-01T09:00:00.500Z');
  assert.equal(isoTimestamp('2026-10-01'), '2026-10-01T00:00:00.000Z');
});

test('statements bind values, and rows come back as numbers, booleans and ISO text like DuckDB gives', async () => {
  await withPostgres(async (pg) => {
    const row = await pg.one(
      `SELECT CAST($n AS bigint) * 2 AS big, CAST(1.5 AS numeric(10, 2)) AS num, CAST($x AS double precision) AS dbl,
        count(*) AS n, $flag::boolean AS flag, CAST($s AS text) || '$s' AS s, CAST(NULL AS text) AS nothing,
        TIMESTAMP '2026-10-01 09:00:00.123456' AS ts, TIMESTAMPTZ '2026-10-01 11:00:00+02' AS tstz,
        DATE '2026-10-01' AS day, CAST('{"a": 1}' AS jsonb) AS doc
      FROM generate_series(1, 3)`,
      { n: 4_000_000_000, x: 0.1, flag: true, s: "o'neil $x", unused: 'ignored' },
    );
    assert.deepEqual(row, {
      big: 8_000_000_000,
      num: 1.5,
      dbl: 0.1,
      n: 3,
      flag: true,
      s: "o'neil $x$s",
      nothing: null,
      ts: '2026-10-01T09:00:00.123Z',
      tstz: '2026-10-01T09:00:00.000Z',
      day: '2026-10-01T00:00:00.000Z',
      doc: '{"a": 1}',
    });
    // A parameterless script runs as one simple query; its rows are the last statement's.
    assert.deepEqual(await pg.all('CREATE TEMP TABLE s (v int); INSERT INTO s VALUES (7); SELECT v FROM s'), [
      { v: 7 },
    ]);
  });
});

test('tables and columns are looked up in the engine schema only', async () => {
  await withPostgres(async (pg) => {
    assert.equal(await pg.tableExists('t'), false);
    assert.deepEqual(await pg.columns('t'), []);
    for (const sql of pg.dialect.createTable('t', 'SELECT 1 AS b, 2 AS a')) await pg.run(sql);
    assert.equal(await pg.tableExists('t'), true);
    assert.deepEqual(await pg.columns('t'), ['b', 'a']);
    for (const sql of pg.dialect.createTable('t', 'SELECT 3 AS c')) await pg.run(sql);
    assert.deepEqual(await pg.all('SELECT * FROM t'), [{ c: 3 }]);
    for (const sql of pg.dialect.dropTables(['t', 'never_made'])) await pg.run(sql);
    assert.equal(await pg.tableExists('t'), false);
  });
});

test('loadEvents: NULL and empty text, microsecond timestamps and doubles survive the trip', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'events.parquet');
    const duck = await Engine.open();
    try {
      const columns = WAREHOUSE_EVENT_COLUMNS.map((c) => {
        const types = {
          text: 'VARCHAR',
          timestamp: 'TIMESTAMP',
          double: 'DOUBLE',
          bigint: 'BIGINT',
        } as const;
        return `${c.name} ${types[c.type]}`;
      });
      await duck.run(`CREATE TABLE e (${columns.join(', ')})`);
      const texts = WAREHOUSE_EVENT_COLUMNS.filter((c) => c.type === 'text' && c.nullable).length;
      const row = (
        id: string,
        ts: string,
        type: string,
        text: string,
        csat: string,
        seq: number,
        rid: number,
      ) =>
        `('${id}', TIMESTAMP '${ts}', '${type}', ${Array(texts).fill(text).join(', ')}, ${csat}, ${seq}, ${rid})`;
      const order = WAREHOUSE_EVENT_COLUMNS.map((c) => c.name);
      const textCols = order.filter((n, i) => i > 2 && n !== 'csat' && n !== 'seq' && n !== 'rid');
      await duck.run(
        `INSERT INTO e (conversation_id, ts, event_type, ${textCols.join(', ')}, csat, seq, rid) VALUES
          ${row('c1', '2026-10-01 09:00:00.123456', 'message', 'NULL', 'NULL', 1, 0)},
          ${row('c1', '2026-10-01 09:00:00.123457', 'message', "''", '4.25', 2, 1)},
          ${row('c,2', '1999-12-31 23:59:59.999999', 'note', `'a "quoted", multi\nline text'`, '0.1', 3, 2)}`,
      );
      await duck.run(`COPY (SELECT ${order.join(', ')} FROM e) TO '${file}' (FORMAT PARQUET)`);
      await withPostgres(async (pg) => {
        assert.equal(await pg.loadEvents(file), 3);
        assert.deepEqual(await pg.columns('events'), order);
        const read = (engine: SqlEngine, micros: string) =>
          engine.all(
            `SELECT conversation_id, ${micros} AS us, event_type, ${textCols.join(', ')}, csat, seq, rid
             FROM events ORDER BY rid`,
          );
        await duck.run('CREATE VIEW events AS SELECT * FROM e');
        assert.deepEqual(
          await read(pg, 'CAST(EXTRACT(EPOCH FROM ts) * 1000000 AS bigint)'),
          await read(duck, 'epoch_us(ts)'),
        );
        const nulls = await pg.one(
          'SELECT count(*) FILTER (WHERE actor IS NULL) AS n, count(*) AS all FROM events',
        );
        assert.deepEqual(nulls, { n: 1, all: 3 });
        // Loading again replaces the table; a zoned ts and narrower numbers arrive as the same values.
        const loose = join(dir, 'loose.parquet');
        const looser = order.map((n) =>
          n === 'ts' ? 'CAST(ts AS TIMESTAMPTZ) AS ts' : n === 'seq' ? 'CAST(seq AS INTEGER) AS seq' : n,
        );
        await duck.run(`COPY (SELECT ${looser.join(', ')} FROM e) TO '${loose}' (FORMAT PARQUET)`);
        assert.equal(await pg.loadEvents(loose), 3);
        assert.deepEqual(
          await read(pg, 'CAST(EXTRACT(EPOCH FROM ts) * 1000000 AS bigint)'),
          await read(duck, 'epoch_us(ts)'),
        );
      });
    } finally {
      duck.close();
    }
  });
});

// --- each dialect construct against DuckDB's on the same rows ------------------------------------------------

/** The same rows in both engines: (g, pos, ts, v, x, y), with NULLs and equal timestamps. */
const SETUP = [
  'CREATE TABLE t (g text, pos bigint, ts timestamp, ev text, v text, x double precision, y double precision)',
  `INSERT INTO t VALUES
    ('a', 1, TIMESTAMP '2026-03-08 05:59:59.999999', 'message', NULL, 1.0, 2.0),
    ('a', 2, TIMESTAMP '2026-03-08 06:00:00', 'assign', 'ann', 2.0, 4.5),
    ('a', 3, TIMESTAMP '2026-03-08 06:00:00', 'resolve', NULL, NULL, 7.0),
    ('a', 4, TIMESTAMP '2026-03-09 00:14:59.5', 'message', 'bob', 4.0, 7.5),
    ('a', 5, TIMESTAMP '2026-11-01 04:30:00', 'message', '', 5.0, NULL),
    ('b', 1, TIMESTAMP '2026-10-04 13:15:00', 'message', 'cy', 3.0, 1.0),
    ('b', 2, TIMESTAMP '2026-10-04 13:15:00', 'assign', NULL, 3.0, 2.0),
    ('b', 3, TIMESTAMP '2026-12-31 23:59:00', 'note', 'dee', 6.0, 3.5),
    ('c', 1, TIMESTAMP '2027-01-01 00:00:00', 'message', NULL, NULL, NULL)`,
  'CREATE TABLE l (conversation_id text, pos bigint, tag text)',
  `INSERT INTO l VALUES ('a', 1, 'l1'), ('a', 3, 'l3'), ('a', 4, 'l4'), ('a', 9, 'l9'), ('b', 2, 'l2'), ('z', 5, 'lz')`,
  'CREATE TABLE r (conversation_id text, pos bigint, owner text)',
  `INSERT INTO r VALUES ('a', 1, 'o1'), ('a', 3, 'o3'), ('a', 7, 'o7'), ('b', 1, 'ob'), ('c', 1, 'oc')`,
  'CREATE TABLE words (id integer, w text)',
  `INSERT INTO words VALUES (1, 'L2'), (2, 'Tier 10 (was 3)'), (3, 'none'), (4, NULL), (5, '007'), (6, ''),
    (7, 'x99999999999999999999'), (8, '9223372036854775807'), (9, '9223372036854775808'), (10, '٣ arabic digit')`,
];

/** Runs `sql(dialect)` on DuckDB and on PostgreSQL over SETUP's tables and returns both answers. */
async function onBoth(
  pg: PostgresEngine,
  sql: (d: Dialect) => string,
  params: SqlParams = {},
): Promise<{ duck: Row[]; pg: Row[] }> {
  const duck = await Engine.open();
  try {
    for (const s of SETUP) await duck.run(s);
    if (!(await pg.tableExists('t'))) {
      for (const s of SETUP) await pg.run(s);
      for (const s of pg.dialect.indexFor('r', ['conversation_id', 'pos'])) await pg.run(s);
    }
    return { duck: await duck.all(sql(duck.dialect), params), pg: await pg.all(sql(pg.dialect), params) };
  } finally {
    duck.close();
  }
}

async function assertSame(pg: PostgresEngine, sql: (d: Dialect) => string, params: SqlParams = {}) {
  const { duck, pg: got } = await onBoth(pg, sql, params);
  assert.ok(duck.length > 0, 'the check needs rows');
  assertRowsClose(got, duck, 'rows');
  return got;
}

const keyed = (d: Dialect) =>
  `(SELECT t.*, ${d.orderKey({ ts: 'ts', rank: "CASE ev WHEN 'assign' THEN 0 ELSE 1 END", seq: 'pos', rid: 'pos' })} AS k FROM t) kt`;

test('dialect: order keys, arg_min/arg_max with filters and NULLs, conditional aggregates', async () => {
  await withPostgres(async (pg) => {
    const got = await assertSame(
      pg,
      (d) => `SELECT g,
        ${d.argMin('v', 'k')} AS first_v, ${d.argMax('v', 'k')} AS last_v,
        ${d.argMin('v', 'k', "ev = 'message'")} AS first_msg, ${d.argMax('x', 'k', "ev <> 'note'")} AS last_x,
        ${d.argMax('ts', 'k', "ev = 'resolve'")} AS resolved_ts, ${d.argMinNull('v', 'k')} AS first_v_null,
        ${d.argMinNull('y', 'pos')} AS first_y_null, ${d.argMin('v', 'pos', 'pos > 1')} AS by_pos,
        ${d.boolOr("ev = 'assign'")} AS assigned, ${d.countIf("ev = 'message'")} AS messages,
        ${d.maxIf('x', "ev = 'message'")} AS max_msg_x,
        ${d.minKey('k')} = ${d.maxKey('k', "ev = 'assign'")} AS assign_first,
        ${d.maxKey('k', "ev = 'resolve'")} > ${d.minKey('k', "ev = 'message'")} AS resolved_after_message
      FROM ${keyed(d)} GROUP BY g ORDER BY g`,
    );
    // Known answers, so a dialect that agreed with DuckDB by accident would still fail here.
    assert.deepEqual(
      got.map((r) => [r.g, r.first_v, r.last_v, r.first_msg, r.first_v_null, r.assigned, r.assign_first]),
      [
        ['a', 'ann', '', 'bob', null, true, false],
        ['b', 'cy', 'dee', 'cy', null, true, true],
        ['c', null, null, null, null, false, null],
      ],
    );
    // b's assign and message share a timestamp: the assign (rank 0) comes first although it was read second.
    assert.equal(got[1]?.assign_first, true);
  });
});

test('dialect: last non-NULL value over a window frame, and ordered filtered string_agg', async () => {
  await withPostgres(async (pg) => {
    const w = 'PARTITION BY g ORDER BY pos';
    await assertSame(
      pg,
      (d) => `SELECT g, pos,
        ${d.lastNonNull('v', `(${w} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`)} AS upto,
        ${d.lastNonNull('v', `(${w} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`)} AS before,
        ${d.lastNonNull('x', `(${w} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`)} AS x_upto
      FROM t ORDER BY g, pos`,
    );
    const got = await assertSame(
      pg,
      (d) => `SELECT g, ${d.stringAgg('v', ' → ', 'pos DESC', "ev <> 'note'")} AS path,
        ${d.stringAgg('ev', ', ', 'pos', 'true')} AS evs
      FROM t GROUP BY g ORDER BY g`,
    );
    assert.deepEqual(got[0], {
      g: 'a',
      path: ' → bob → ann',
      evs: 'message, assign, resolve, message, message',
    });
  });
});

test('dialect: asof join, at-or-before and strictly before, rows without a match dropped', async () => {
  await withPostgres(async (pg) => {
    for (const strict of [false, true]) {
      const got = await assertSame(
        pg,
        (d) => `SELECT l.tag, o.owner, o.pos AS owner_pos FROM l ${d.asofJoin('r', 'o', 'l', 'l.pos', strict)}
          ORDER BY l.tag`,
      );
      const expected = strict
        ? [
            ['l2', 'ob'],
            ['l3', 'o1'],
            ['l4', 'o3'],
            ['l9', 'o7'],
          ]
        : [
            ['l1', 'o1'],
            ['l2', 'ob'],
            ['l3', 'o3'],
            ['l4', 'o3'],
            ['l9', 'o7'],
          ];
      assert.deepEqual(
        got.map((r) => [r.tag, r.owner]),
        expected,
      );
    }
  });
});

test('dialect: seconds between, first numbers, ISO text, quarter hours, list positions', async () => {
  await withPostgres(async (pg) => {
    await assertSame(
      pg,
      (d) => `SELECT g, pos, ${d.secondsBetween("TIMESTAMP '2026-03-08 05:00:00'", 'ts')} AS s,
        ${d.secondsBetween('ts', "TIMESTAMP '2026-03-08 05:00:00.000001'")} AS back,
        ${d.isoText('ts')} AS iso, ${d.quarterHour('ts')} AS quarter,
        ${d.listPosition(['resolve', 'assign', "it's"], 'ev')} AS place
      FROM t ORDER BY g, pos`,
    );
    const numbers = await assertSame(
      pg,
      (d) => `SELECT w, ${d.firstNumber('w')} AS n FROM words ORDER BY id`,
    );
    assert.deepEqual(
      numbers.map((r) => r.n),
      [2, 10, null, null, 7, null, null, 2 ** 63, null, null],
    );
  });
});

const ZONES = ['Asia/Kathmandu', 'America/St_Johns', 'UTC'];
const PARTS: TimePart[] = ['hour', 'minute', 'isodow', 'weekday', 'hour_weekday', 'date', 'month'];

test('dialect: local time parts in zones with odd offsets and daylight saving', async () => {
  await withPostgres(async (pg) => {
    for (const tz of ZONES) {
      const got = await assertSame(
        pg,
        (d) =>
          `SELECT pos, g, ${PARTS.map((p) => `${d.timePart(p, d.localTime('ts'))} AS ${p}`).join(', ')}
          FROM t ORDER BY g, pos`,
        { tz },
      );
      if (tz === 'Asia/Kathmandu')
        assert.deepEqual(got[0], {
          pos: 1,
          g: 'a',
          hour: 11,
          minute: 44,
          isodow: 7,
          weekday: 'Sun',
          hour_weekday: 'Sun 11',
          date: '2026-03-08',
          month: '2026-03',
        });
    }
  });
});

test('dialect: continuous quantiles, regression sums, session variables and bit tests', async () => {
  await withPostgres(async (pg) => {
    const got = await assertSame(
      pg,
      (d) => `SELECT g, ${[0.1, 0.5, 0.9].map((q, i) => `${d.quantileCont('x', q)} AS q${i}`).join(', ')},
        ${(['slope', 'count', 'sxx', 'syy', 'sxy'] as const).map((k) => `${d.regression(k, 'y', 'x')} AS ${k}`).join(', ')},
        CAST(count(*) AS ${d.textType}) AS rows
      FROM t GROUP BY g ORDER BY g`,
    );
    assertRowsClose(
      got.map((r) => [r.q0, r.q1, r.count, r.sxx, r.rows]),
      [
        [1.3, 3, 3, 14 / 3, '5'],
        [3, 3, 3, 6, '3'],
        [null, null, 0, null, '1'],
      ],
      'known answers',
    );
    // b's points (3, 1), (3, 2), (6, 3.5): slope 4 / 6.
    assert.ok(Math.abs(Number(got[1]?.slope) - 2 / 3) < 1e-12);
    const variable = (d: Dialect) =>
      `SELECT ${d.variable('baton_test_days', 31)} AS days, ${d.bitTest(d.variable('baton_test_days', 31), '2')} AS wed,
        ${d.bitTest('5', '1')} AS bit1`;
    assert.deepEqual(await pg.all(variable(pg.dialect)), [{ days: 31, wed: true, bit1: false }]);
    await pg.run(pg.dialect.setVariable('baton_test_days', 3));
    assert.deepEqual(await pg.all(variable(pg.dialect)), [{ days: 3, wed: false, bit1: false }]);
  });
});

// --- the derivation and the catalog on both engines -----------------------------------------------------------

/** Imports `csv` into DuckDB, moves its canonical events to PostgreSQL and derives there; `work` gets both. */
async function withBothDerived(
  csv: string,
  work: (duck: Engine, pg: PostgresEngine) => Promise<void>,
): Promise<void> {
  await withTempDir(async (dir) => {
    const file = join(dir, 'events.csv');
    await writeFile(file, csv);
    const baton = await Baton.open();
    try {
      await baton.import([file]);
      const parquet = join(dir, 'events.parquet');
      const columns = WAREHOUSE_EVENT_COLUMNS.map((c) => (c.name === 'rid' ? 'rowid AS rid' : c.name));
      await baton.engine.run(
        `COPY (SELECT ${columns.join(', ')} FROM events) TO '${parquet}' (FORMAT PARQUET)`,
      );
      await withPostgres(async (pg) => {
        await pg.loadEvents(parquet);
        await deriveHandoffs(pg);
        await work(baton.engine, pg);
      });
    } finally {
      baton.close();
    }
  });
}

function assertRowsClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const scale = Math.max(Math.abs(expected), Math.abs(actual));
    assert.ok(Math.abs(actual - expected) <= 1e-9 * scale, `${path}: ${actual} vs ${expected}`);
  } else if (expected && actual && typeof expected === 'object' && typeof actual === 'object') {
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${path}: keys`);
    for (const [key, value] of Object.entries(expected))
      assertRowsClose((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  } else assert.equal(actual, expected, path);
}

const DERIVED: [table: string, order: string][] = [
  ['conversations', 'conversation_id'],
  ['handoffs', 'conversation_id, handoff_no'],
  ['ownership', 'conversation_id, own_no'],
  ['event_buckets', 'ts, event_type'],
];

async function assertSameDerivation(duck: Engine, pg: PostgresEngine): Promise<void> {
  for (const [table, order] of DERIVED) {
    const expected = await duck.all(`SELECT * FROM ${table} ORDER BY ${order}`);
    assert.ok(expected.length > 0, `${table} has rows`);
    assertRowsClose(await pg.all(`SELECT * FROM ${table} ORDER BY ${order}`), expected, table);
  }
}

function demoCsv(conversations: number, seed: number): Promise<string> {
  return withTempDir(async (dir) => {
    const file = join(dir, 'demo.csv');
    await writeDemoCsv(file, { conversations, seed });
    return readFile(file, 'utf8');
  });
}

test('derivation on PostgreSQL gives DuckDB tables: the worked example and demo data', async () => {
  await withBothDerived(workedExampleCsv(), assertSameDerivation);
  await withBothDerived(await demoCsv(400, 11), assertSameDerivation);
});

/** Every metric sliced by every dimension (and by none), in each zone, on both engines. */
async function assertSameMetrics(
  duck: Engine,
  pg: PostgresEngine,
  zones: readonly string[],
  comparable: (rows: QueryRow[]) => QueryRow[] = (rows) => rows,
): Promise<void> {
  const specs = [[], ...catalog.dimensions.map((d) => [d.id])];
  for (const tz of zones) {
    for (const by of specs) {
      const dims = by.map((id) => catalog.dimension(id)!);
      const metrics = catalog.metrics.filter((m) => dims.every((d) => d.sql[m.grain] !== undefined));
      const spec = { metrics: metrics.map((m) => m.id), by, tz };
      const expected = await runQuery(duck, spec);
      assert.ok(expected.rows.length > 0, `${by.join(',')} has rows`);
      assertRowsClose(
        comparable((await runQuery(pg, spec)).rows),
        comparable(expected.rows),
        `${tz} by ${by.join(',') || '(none)'}`,
      );
    }
  }
}

test('every catalog metric by every dimension on PostgreSQL gives DuckDB answers', async () => {
  await withBothDerived(await demoCsv(300, 5), (duck, pg) =>
    assertSameMetrics(duck, pg, ['America/St_Johns', 'UTC']),
  );
  // The worked example's resolution times fit the growth model exactly: the residual sum of squares is rounding
  // noise, different in each engine's summation order, and the slope's interval is its square root (~1e-9 wide).
  const growth = new Set(catalog.metrics.filter((m) => m.kind === 'growth').map((m) => m.id));
  const withoutExactFitIntervals = (rows: QueryRow[]) =>
    rows.map((r) => ({
      ...r,
      values: Object.fromEntries(
        Object.entries(r.values).map(([id, v]) => [id, growth.has(id) ? { ...v, ci95: null } : v]),
      ),
    }));
  await withBothDerived(workedExampleCsv(), (duck, pg) =>
    assertSameMetrics(duck, pg, ['Asia/Kathmandu'], withoutExactFitIntervals),
  );
});
