// The ClickHouse server path (@clickhouse/client over HTTP), against an HTTP stand-in served by chdb.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Baton } from '../src/baton.js';
import { writeDemoCsv } from '../src/demo/index.js';
import { ClickHouseEngine } from '../src/engine/clickhouse-engine.js';
import { isDerived } from '../src/handoffs/derive.js';
import { assertClose } from './support/assert-close.js';
import { clickhouseHttpUrl, stopClickhouseHttp } from './support/clickhouse-http.js';
import { withBaton, withTempDir } from './support/temp-data.js';

after(stopClickhouseHttp);

async function demoCsv(): Promise<string> {
  return withTempDir(async (dir) => {
    const file = join(dir, 'demo.csv');
    await writeDemoCsv(file, { conversations: 300, seed: 8 });
    return readFile(file, 'utf8');
  });
}

test('through @clickhouse/client: import, derive and analyze equal DuckDB; a second session reads what is there', async () => {
  const url = await clickhouseHttpUrl();
  const namespace = `baton_http_${randomBytes(5).toString('hex')}`;
  const csv = await demoCsv();
  const spec = { metrics: ['handoff_success_rate', 'handoff_time_median_s'], by: ['team_pair', 'weekday'] };
  const expected = await withBaton(csv, async (b) => ({
    analysis: await b.analyze(),
    query: await b.query(spec),
  }));
  const loaded = await withBaton(csv, (b) => b.analyze(), { engine: 'clickhouse', url, namespace });
  assertClose(loaded, expected.analysis);
  // No files: the server's events and derived tables, read where they are.
  const again = await Baton.open({ engine: 'clickhouse', url, namespace });
  try {
    assert.equal(await isDerived(again.analysisEngine), true);
    const { sql: _remote, ...answer } = await again.query(spec);
    const { sql: _local, ...want } = expected.query;
    assertClose(answer, want);
  } finally {
    await again.close();
  }
});

test('through @clickhouse/client: values bound by type, and the server error comes back with its code', async () => {
  const engine = await ClickHouseEngine.open({
    url: await clickhouseHttpUrl(),
    database: `baton_http_${randomBytes(5).toString('hex')}`,
  });
  try {
    const row = await engine.one('SELECT $n + 1 AS n, $s AS s, $b AS b, $f * 2 AS f', {
      n: 41,
      s: "it's\ta\\b",
      b: true,
      f: 0.25,
    });
    assert.deepEqual(row, { n: 42, s: "it's\ta\\b", b: true, f: 0.5 });
    await assert.rejects(engine.all('SELECT no_such_column FROM system.one'), /UNKNOWN_IDENTIFIER|Unknown/);
  } finally {
    await engine.close();
  }
});
