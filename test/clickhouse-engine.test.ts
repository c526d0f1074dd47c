// The ClickHouse engine on embedded chdb, and each ClickHouse dialect method against the same construct on DuckDB.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ClickHouseEngine } from '../src/engine/clickhouse-engine.js';
import { bindNamed } from '../src/engine/clickhouse-params.js';
import type { Dialect } from '../src/engine/dialect.js';
import { Engine } from '../src/engine/engine.js';
import type { Row, SqlEngine, SqlParams } from '../src/engine/sql-engine.js';
import { WAREHOUSE_EVENT_COLUMNS } from '../src/model/warehouse-events.js';
import { withTempDir } from './support/temp-data.js';

describe('$name parameters become {name:Type}', () => {
  test('the type comes from the value; quoted text, quoted names and comments keep their $', () => {
    const [statement] = bindNamed(
      "SELECT $s, $i, $f, $b, $n, '$s it''s $i', \"$i\", `$f` -- $nope\n/* $nope */ FROM t",
      { s: 'x', i: 3, f: 0.5, b: true, n: null, unused: 1 },
    );
    assert.equal(
      statement?.sql,
      "SELECT {s:String}, {i:Int64}, {f:Float64}, {b:Bool}, {n:Nullable(String)}, '$s it''s $i', \"$i\", `$f` -- $nope\n/* $nope */ FROM t",
    );
    assert.deepEqual(statement?.params, { s: 'x', i: 3, f: 0.5, b: true, n: null });
  });

  test('a script splits at semicolons outside quotes, each statement with the values it uses', () => {
    const statements = bindNamed("SELECT $a; SELECT ';' AS x, $b;\n", { a: 1, b: 'two' });
    assert.deepEqual(statements, [
      { sql: 'SELECT {a:Int64}', params: { a: 1 } },
      { sql: "SELECT ';' AS x, {b:String}", params: { b: 'two' } },
    ]);
  });

  test('a name without a value is an error, not SQL ClickHouse would misread', () => {
    assert.throws(() => bindNamed('SELECT $missing', {}), /\$missing/);
  });
});

describe('ClickHouseEngine on chdb', () => {
  let ch: ClickHouseEngine;
  before(async () => {
    ch = await ClickHouseEngine.open();
  });
  after(() => ch.close());

  test('rows come back in DuckDB shapes: numbers, booleans, ISO instants with milliseconds', async () => {
    const row = await ch.one(
      `SELECT $s AS s, $i AS i, $f AS f, $b AS b, $n AS n, toUInt64(7) AS u, count() AS c, 1 = 1 AS cond,
        toBool(1) AS flag, toDateTime64('2026-10-01 09:00:00.123456', 6, 'UTC') AS ts,
        toDateTime('2026-10-01 09:00:00', 'UTC') AS whole, 0 / 0 AS nan, CAST(NULL AS Nullable(Float64)) AS missing`,
      { s: "it's \\ 'quoted'", i: -3, f: 0.1, b: false, n: null },
    );
    assert.deepEqual(row, {
      s: "it's \\ 'quoted'",
      i: -3,
      f: 0.1,
      b: false,
      n: null,
      u: 7,
      c: 1,
      // A bare condition is ClickHouse's UInt8: only tables made through the dialect turn them into Bool.
      cond: 1,
      flag: true,
      ts: '2026-10-01T09:00:00.123Z',
      whole: '2026-10-01T09:00:00.000Z',
      nan: Number.NaN,
      missing: null,
    });
  });

  test('tables made through the dialect store conditions as booleans, and can be found and dropped', async () => {
    const d = ch.dialect;
    const select =
      'SELECT number AS n, number > 0 AS pos, if(number = 0, NULL, number = 2) AS two FROM numbers(3)';
    for (const sql of d.createTable('flags', select)) await ch.run(sql);
    for (const sql of d.createTable('scratch', select, { temp: true })) await ch.run(sql);
    for (const table of ['flags', 'scratch']) {
      assert.deepEqual(await ch.all(`SELECT * FROM ${table} ORDER BY n`), [
        { n: 0, pos: false, two: null },
        { n: 1, pos: true, two: false },
        { n: 2, pos: true, two: true },
      ]);
      assert.equal(await ch.tableExists(table), true);
      assert.deepEqual(await ch.columns(table), ['n', 'pos', 'two']);
    }
    for (const sql of d.dropTables(['flags', 'scratch'])) await ch.run(sql);
    assert.equal(await ch.tableExists('flags'), false);
    assert.equal(await ch.tableExists('scratch'), false);
    assert.deepEqual(await ch.columns('flags'), []);
  });

  test('session variables: the last value set wins, unset ones fall back', async () => {
    const d = ch.dialect;
    await ch.run(d.setVariable('baton_test_var', 5));
    await ch.run(d.setVariable('baton_test_var', 540));
    assert.deepEqual(
      await ch.one(
        `SELECT ${d.variable('baton_test_var', 1)} AS set, ${d.variable('baton_unset', 9)} AS unset,
          ${d.bitTest(d.variable('baton_test_var', 1), '2')} AS bit2, ${d.bitTest('540', '0')} AS bit0`,
      ),
      { set: 540, unset: 9, bit2: 1, bit0: 0 },
    );
  });

  test('engines in one process are isolated in databases of their own; the data directory goes with the last', async () => {
    const other = await ClickHouseEngine.open();
    const named = await ClickHouseEngine.open({ database: 'baton_test_named' });
    try {
      await other.run('CREATE TABLE only_here (x Int64) ENGINE = Memory');
      assert.equal(await other.tableExists('only_here'), true);
      assert.equal(await ch.tableExists('only_here'), false);
      assert.deepEqual(await named.one('SELECT currentDatabase() AS db'), { db: 'baton_test_named' });
    } finally {
      await other.close();
      await named.close();
    }
    // This suite's engine is still open, so the shared directory must still be there for it.
    assert.deepEqual(await ch.one('SELECT 1 + 1 AS two'), { two: 2 });
  });

  test('a kept data directory holds its tables for the next engine; another directory meanwhile is refused', async () => {
    await withTempDir(async (dir) => {
      // chdb holds one directory per process, and this suite's engine holds a temporary one.
      await assert.rejects(
        ClickHouseEngine.open({ path: join(dir, 'kept') }),
        /one data directory per process/,
      );
    });
  });

  test('loadEvents keeps NULL apart from empty text and timestamps to the microsecond', async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'events.parquet');
      const duck = await Engine.open();
      try {
        const names = WAREHOUSE_EVENT_COLUMNS.map((c) => c.name);
        const values = (id: string, ts: string, agent: string, csat: string, seq: number) =>
          `('${id}', TIMESTAMP '${ts}', 'message', 'agent', ${agent}, NULL, NULL, 'chat', '', ${csat},
            NULL, NULL, NULL, NULL, NULL, NULL, ${seq}, ${seq * 10})`;
        const SQL_TYPES = { text: 'VARCHAR', timestamp: 'TIMESTAMP', double: 'DOUBLE', bigint: 'BIGINT' };
        const typed = WAREHOUSE_EVENT_COLUMNS.map(
          (c) => `CAST(${c.name} AS ${SQL_TYPES[c.type]}) AS ${c.name}`,
        );
        await duck.run(
          `COPY (SELECT ${typed.join(', ')} FROM (VALUES ${values('c1', '2026-10-01 09:00:00.000001', 'NULL', 'NULL', 1)},
            ${values('c1', '2026-10-01 09:00:00.999999', "''", '4.5', 2)},
            ${values('c2', '1999-12-31 23:59:59', "'ann'", '1', 3)}) v(${names.join(', ')}))
           TO '${file}' (FORMAT PARQUET)`,
        );
      } finally {
        duck.close();
      }
      assert.equal(await ch.loadEvents(file), 3);
      assert.equal(await ch.loadEvents(file), 3, 'loading again replaces the table');
      assert.deepEqual(
        await ch.columns('events'),
        WAREHOUSE_EVENT_COLUMNS.map((c) => c.name),
      );
      assert.deepEqual(
        await ch.all(
          `SELECT conversation_id, ts, toUnixTimestamp64Micro(ts) % 1000000 AS micros, agent_id, text, csat, team, seq, rid
           FROM events ORDER BY seq`,
        ),
        [
          {
            conversation_id: 'c1',
            ts: '2026-10-01T09:00:00.000Z',
            micros: 1,
            agent_id: null,
            text: '',
            csat: null,
            team: null,
            seq: 1,
            rid: 10,
          },
          {
            conversation_id: 'c1',
            ts: '2026-10-01T09:00:00.999Z',
            micros: 999999,
            agent_id: '',
            text: '',
            csat: 4.5,
            team: null,
            seq: 2,
            rid: 20,
          },
          {
            conversation_id: 'c2',
            ts: '1999-12-31T23:59:59.000Z',
            micros: 0,
            agent_id: 'ann',
            text: '',
            csat: 1,
            team: null,
            seq: 3,
            rid: 30,
          },
        ],
      );
    });
  });
});

/**
 * A small table on both engines, and each dialect method compared on it. Every value a method returns on
 * ClickHouse must equal DuckDB's (doubles to 1e-9 relative).
 */
describe('the ClickHouse dialect gives what the DuckDB dialect gives', () => {
  let duck: Engine;
  let ch: ClickHouseEngine;
  // g: group; k: a key with ties in ts broken by r, seq, rid; v: text with NULLs; x, y: numbers with NULLs.
  const ROWS = [
    ['a', '2026-03-08 05:29:59.999999', 1, 5, 1, 'Tier 2', 1, 3],
    ['a', '2026-03-08 05:29:59.999999', 0, 5, 2, null, 2, 5],
    ['a', '2026-03-08 05:30:00', 1, 4, 3, 'T10x3', null, 7],
    ['a', '2026-03-08 05:30:00', 1, 4, 4, '', 4, 9.5],
    ['b', '2026-11-01 03:29:00.5', 2, -7, 5, 'none', 3, null],
    ['b', '2026-11-01 04:31:00.25', 2, 1, 6, null, 5, 1],
    ['b', '2026-10-31 18:15:00', 4, 1, 7, '99999999999999999999', 7, 2],
    ['c', '2026-01-01 00:00:00', 0, 0, 8, null, null, null],
  ] as const;

  before(async () => {
    duck = await Engine.open();
    ch = await ClickHouseEngine.open();
    const literal = (value: string | number | null) =>
      value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value}'`;
    const values = ROWS.map(
      ([g, ts, r, seq, rid, v, x, y]) =>
        `(${literal(g)}, TIMESTAMP '${ts}', ${r}, ${seq}, ${rid}, ${literal(v)}, ${literal(x)}, ${literal(y)})`,
    );
    await withTempDir(async (dir) => {
      const file = join(dir, 't.parquet');
      await duck.run(
        `CREATE TABLE t AS SELECT g, ts, CAST(r AS INTEGER) AS r, CAST(seq AS BIGINT) AS seq,
          CAST(rid AS BIGINT) AS rid, v, CAST(x AS DOUBLE) AS x, CAST(y AS DOUBLE) AS y
         FROM (VALUES ${values.join(', ')}) rows(g, ts, r, seq, rid, v, x, y)`,
      );
      await duck.run(`COPY t TO '${file}' (FORMAT PARQUET)`);
      assert.ok(existsSync(file));
      await ch.run(
        'CREATE TABLE t ENGINE = MergeTree ORDER BY tuple() AS SELECT * FROM file($file, Parquet)',
        {
          file,
        },
      );
    });
  });
  after(async () => {
    duck.close();
    await ch.close();
  });

  /** Runs the SQL each dialect makes on its engine and compares the rows. */
  async function same(sql: (d: Dialect) => string, params: SqlParams = {}): Promise<Row[]> {
    const run = (engine: SqlEngine) => engine.all(sql(engine.dialect), params);
    const [expected, actual] = await Promise.all([run(duck), run(ch)]);
    assertClose(actual, expected);
    return expected;
  }

  const key = (d: Dialect) => d.orderKey({ ts: 'ts', rank: 'r', seq: 'seq', rid: 'rid' });

  test('argMin, argMax and argMinNull over the order key, with filters and NULL values', async () => {
    const rows = await same(
      (d) => `SELECT g,
        ${d.argMin('v', key(d))} AS first_v, ${d.argMax('v', key(d))} AS last_v,
        ${d.argMin('rid', key(d), 'x > 1')} AS first_big, ${d.argMax('rid', key(d), 'x > 100')} AS none,
        ${d.argMinNull('v', key(d))} AS first_v_null, ${d.argMinNull('v', 'rid')} AS by_rid
       FROM t GROUP BY g ORDER BY g`,
    );
    assert.deepEqual(rows[0], {
      g: 'a',
      first_v: 'Tier 2',
      last_v: '',
      first_big: 2,
      none: null,
      first_v_null: null,
      by_rid: 'Tier 2',
    });
  });

  test('minKey and maxKey compare and order like the key columns, and are NULL over no rows', async () => {
    await same(
      (
        d,
      ) => `SELECT g, ${d.minKey(key(d), 'x > 100')} IS NULL AS empty_min, ${d.maxKey(key(d), 'x > 100')} IS NULL AS empty_max,
        ${d.minKey(key(d))} < ${d.maxKey(key(d))} AS ordered, ${d.minKey(key(d), 'x >= 1')} = ${d.minKey(key(d))} AS same_first
       FROM t GROUP BY g ORDER BY g`,
    );
    // Each row's place among all rows, by its key: the four columns' order, negative seq included.
    await same(
      (d) => `SELECT t.rid, count(*) AS before_it FROM t CROSS JOIN t AS other
       WHERE ${d.orderKey({ ts: 'other.ts', rank: 'other.r', seq: 'other.seq', rid: 'other.rid' })}
         < ${d.orderKey({ ts: 't.ts', rank: 't.r', seq: 't.seq', rid: 't.rid' })}
       GROUP BY t.rid ORDER BY t.rid`,
    );
  });

  test('boolOr, countIf and maxIf', async () => {
    await same(
      (d) => `SELECT g, ${d.boolOr('x > 3')} AS any_big, ${d.boolOr('x > 100')} AS none_big,
        ${d.countIf('v IS NOT NULL')} AS with_v, ${d.maxIf('y', 'x < 5')} AS top_y, ${d.maxIf('y', 'x > 100')} AS no_y
       FROM t GROUP BY g ORDER BY g`,
    );
  });

  test('lastNonNull carries values over NULLs, up to and before the row', async () => {
    const w = 'PARTITION BY g ORDER BY rid';
    await same(
      (
        d,
      ) => `SELECT rid, ${d.lastNonNull('v', `(${w} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`)} AS upto,
        ${d.lastNonNull('v', `(${w} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`)} AS before,
        ${d.lastNonNull('rid', `(${w} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`)} AS before_rid
       FROM t ORDER BY rid`,
    );
  });

  test('stringAgg joins in order among matching rows, NULL when none', async () => {
    const rows = await same(
      (d) => `SELECT g, ${d.stringAgg('v', ' → ', 'rid', 'rid > 0')} AS path,
        ${d.stringAgg('v', ', ', 'seq', 'x > 1')} AS by_seq, ${d.stringAgg('v', '|', 'rid', 'x > 100')} AS empty
       FROM t GROUP BY g ORDER BY g`,
    );
    assert.equal(rows[0]?.path, 'Tier 2 → T10x3 → ');
    assert.equal(rows[2]?.path, null);
  });

  test('asofJoin finds the last row at or before (strictly before) a position', async () => {
    for (const strict of [false, true])
      await same(
        (d) => `SELECT l.conversation_id, l.pos, r.pos AS found FROM
          (SELECT g AS conversation_id, rid * 2 AS pos FROM t) l
          ${d.asofJoin('(SELECT g AS conversation_id, rid * 2 + 2 AS pos FROM t WHERE rid <> 6)', 'r', 'l', 'l.pos', strict)}
         ORDER BY l.conversation_id, l.pos`,
      );
  });

  test('secondsBetween, firstNumber, isoText, quarterHour, listPosition', async () => {
    await same(
      (d) => `SELECT rid, ${d.secondsBetween('min(ts) OVER (PARTITION BY g)', 'ts')} AS since_first,
        ${d.firstNumber('v')} AS tier_number, ${d.isoText('ts')} AS iso, ${d.quarterHour('ts')} AS quarter,
        ${d.listPosition(['T10x3', 'none', ''], 'v')} AS listed, CAST(rid AS ${d.textType}) AS rid_text
       FROM t ORDER BY rid`,
    );
  });

  for (const tz of ['UTC', 'Asia/Kathmandu', 'America/St_Johns'])
    test(`local time parts in ${tz}, across daylight-saving changes`, async () => {
      await same(
        (d) => `SELECT rid, ${d.localTime('ts')} AS local,
          ${(['hour', 'minute', 'isodow', 'weekday', 'hour_weekday', 'date', 'month'] as const)
            .map((part) => `${d.timePart(part, d.localTime('ts'))} AS ${part}`)
            .join(', ')}
         FROM t ORDER BY rid`,
        { tz },
      );
    });

  test('quantileCont interpolates between ranks on odd and even counts, skipping NULLs', async () => {
    for (const q of [0.1, 0.25, 0.5, 0.9])
      await same(
        (d) => `SELECT g, ${d.quantileCont('x', q)} AS qx, ${d.quantileCont('y', q)} AS qy,
          ${d.quantileCont('x', q)} IS NULL AS none FROM t GROUP BY g ORDER BY g`,
      );
    const [all] = await same((d) => `SELECT ${d.quantileCont('x', 0.5)} AS median FROM t`);
    assert.equal(all?.median, 3.5); // x = 1, 2, 3, 4, 5, 7: between the 3rd and 4th
  });

  test('regression sums over rows where both are present, with known answers', async () => {
    const [fit] = await same(
      (d) =>
        `SELECT ${(['slope', 'count', 'sxx', 'syy', 'sxy'] as const)
          .map((kind) => `${d.regression(kind, 'y', 'x')} AS ${kind}`)
          .join(', ')} FROM t`,
    );
    // Pairs (1,3) (2,5) (4,9.5) (5,1) (7,2): mean x 3.8, mean y 4.1.
    assertClose([fit ?? {}], [{ slope: -7.9 / 22.8, count: 5, sxx: 22.8, syy: 45.2, sxy: -7.9 }]);
    // Exact lines, one point, zero variance and no pairs at all.
    await same(
      (d) => `SELECT n, ${(['slope', 'count', 'sxx', 'syy', 'sxy'] as const)
        .map((kind) => `${d.regression(kind, 'y', 'x')} AS ${kind}`)
        .join(', ')}
       FROM (SELECT 1 AS n, x, 2 * x + 1 AS y FROM t
             UNION ALL SELECT 2, x, y FROM t WHERE rid = 1
             UNION ALL SELECT 3, 4, y FROM t
             UNION ALL SELECT 4, x, NULL FROM t) pairs
       GROUP BY n ORDER BY n`,
    );
  });
});

// After the suites above have closed their engines: chdb holds one data directory per process.
test('a kept data directory holds events for the next engine on it', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'kept');
    const first = await ClickHouseEngine.open({ path, database: 'kept' });
    await first.run(
      'CREATE TABLE events ENGINE = MergeTree ORDER BY tuple() AS SELECT number AS n FROM numbers(3)',
    );
    await first.close();
    const second = await ClickHouseEngine.open({ path, database: 'kept' });
    try {
      assert.deepEqual(await second.one('SELECT sum(n) AS total FROM events'), { total: 3 });
    } finally {
      await second.close();
    }
    assert.ok(existsSync(path), 'a directory given is kept');
  });
});

/**
 * Rows equal, doubles to 1e-9 relative (the engines sum in different orders). A bare condition in a query is
 * ClickHouse's UInt8, so 1 and 0 stand for DuckDB's true and false.
 */
function assertClose(actual: readonly Row[], expected: readonly Row[]): void {
  const near = (a: unknown, b: unknown) =>
    (typeof a === 'number' &&
      typeof b === 'number' &&
      Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b))) ||
    (typeof b === 'boolean' && a === Number(b));
  const rounded = actual.map((row, i) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, near(v, expected[i]?.[k]) ? expected[i]?.[k] : v]),
    ),
  );
  assert.deepEqual(rounded, expected);
}
