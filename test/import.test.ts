// The generic importer: every format reads the same, --map reads other names, and every row is accounted for.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Analysis } from '../src/analysis/analyze.js';
import { Baton } from '../src/baton.js';
import { Engine } from '../src/engine/engine.js';
import type { ImportReport } from '../src/ingest/import-file.js';
import { trimmedSql } from '../src/ingest/trim-sql.js';
import { DataError } from '../src/model/errors.js';
import { workedExampleCsv } from './fixtures/worked-example.js';
import { withTempDir } from './support/temp-data.js';

async function headline(files: string[], options: Parameters<Baton['import']>[1] = {}) {
  const baton = await Baton.open();
  try {
    const reports = await baton.import(files, options);
    const a = await baton.analyze();
    return {
      reports,
      handoffs: a.metrics.handoffs?.value,
      success: a.metrics.handoff_success_rate?.numerator,
      a,
    };
  } finally {
    baton.close();
  }
}

/** The same rows as a CSV file and as a Parquet file DuckDB writes from it; returns both paths. */
async function csvAndParquet(dir: string, name: string, lines: string[]): Promise<[string, string]> {
  const csv = join(dir, `${name}.csv`);
  const parquet = join(dir, `${name}.parquet`);
  await writeFile(csv, lines.join('\n'));
  const writer = await Baton.open();
  try {
    await writer.engine.run(
      `COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`,
    );
  } finally {
    writer.close();
  }
  return [csv, parquet];
}

test('CSV, gzip CSV, NDJSON and Parquet give the same answer', async () => {
  await withTempDir(async (dir) => {
    const csv = join(dir, 'events.csv');
    await writeFile(csv, workedExampleCsv());
    await writeFile(join(dir, 'events.csv.gz'), gzipSync(await readFile(csv)));
    const baton = await Baton.open();
    try {
      // DuckDB writes the other formats from the CSV, so the test needs no extra writer.
      await baton.engine.run(
        `COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${join(dir, 'events.ndjson')}' (FORMAT json)`,
      );
      await baton.engine.run(
        `COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${join(dir, 'events.parquet')}' (FORMAT parquet)`,
      );
    } finally {
      baton.close();
    }
    for (const name of ['events.csv', 'events.csv.gz', 'events.ndjson', 'events.parquet']) {
      const r = await headline([join(dir, name)]);
      assert.equal(r.handoffs, 360, name);
      assert.equal(r.success, 285, name);
      assert.equal(r.reports[0]?.rowsRead, r.reports[0]?.imported, name);
    }
  });
});

test('--map reads differently named columns', async () => {
  await withTempDir(async (dir) => {
    const renamed = workedExampleCsv().replace(
      /^conversation_id,timestamp,event_type/,
      'Ticket ID,Created At,Event',
    );
    const file = join(dir, 'renamed.csv');
    await writeFile(file, renamed);
    await assert.rejects(headline([file]), (e: unknown) => e instanceof DataError && e.problems.length === 3);
    const r = await headline([file], {
      map: { conversation_id: 'Ticket ID', timestamp: 'Created At', event_type: 'Event' },
    });
    assert.equal(r.handoffs, 360);
  });
});

test('every row is accounted for: read = imported + rejected + repeated', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'messy.csv');
    await writeFile(
      file,
      [
        'conversation_id,timestamp,event_type,actor,agent_id,team,csat',
        'c1,2026-10-01T09:00:00Z,assign,,ann,Billing,',
        ',2026-10-01T09:01:00Z,message,agent,ann,,',
        'c1,yesterday,message,agent,ann,,',
        'c1,2026-10-01T09:02:00Z,poke,agent,ann,,',
        'c1,2026-10-01T09:03:00Z,message,,ann,,',
        'c1,2026-10-01T09:04:00Z,message,robot,ann,,',
        'c1,2026-10-01T09:05:00Z,csat,,,,9',
        'c1,2026-10-01T09:06:00Z,message,agent,ann,Billing,,extra',
        'c1,2026-10-01T09:00:00Z,assign,,ann,Billing,',
        'c1,2026-10-01T09:07:00Z,resolve,,,,',
      ].join('\n'),
    );
    const baton = await Baton.open();
    try {
      const [r] = await baton.import([file]);
      assert.ok(r);
      assert.equal(r.rowsRead, 10);
      assert.equal(r.imported, 2);
      assert.equal(r.duplicates, 1);
      assert.equal(r.rejected, 7);
      const codes = r.problems.map((p) => p.code).sort();
      assert.deepEqual(codes, [
        'bad-csat',
        'bad-timestamp',
        'duplicate-event',
        'malformed-row',
        'missing-actor',
        'missing-conversation-id',
        'unknown-actor',
        'unknown-event-type',
      ]);
      const badTime = r.problems.find((p) => p.code === 'bad-timestamp');
      assert.deepEqual(badTime?.at, { file, row: 3, field: 'timestamp' });
      assert.equal(r.problems.find((p) => p.code === 'malformed-row')?.at.line, 9);
      const rejects = await baton.rejects();
      assert.equal(rejects.length, 7);
      await assert.rejects(
        (async () => {
          const strict = await Baton.open();
          try {
            await strict.import([file], { strict: true });
          } finally {
            strict.close();
          }
        })(),
        DataError,
      );
    } finally {
      baton.close();
    }
  });
});

test('a Parquet file (landed straight from the reader) is accounted for exactly as the same rows in CSV', async () => {
  await withTempDir(async (dir) => {
    const [csv, parquet] = await csvAndParquet(dir, 'messy', [
      'conversation_id,timestamp,event_type,actor,agent_id,team,csat,transfer_type',
      'c1,2026-10-01T09:00:00Z,assign,,ann,Billing,,warm',
      ',2026-10-01T09:01:00Z,message,agent,ann,,,',
      'c1,yesterday,message,agent,ann,,,',
      'c1,2026-10-01T09:02:00Z,poke,agent,ann,,,',
      'c1,2026-10-01 09:03:00,message,customer,,,,',
      'c1,2026-10-01T09:04:00Z,assign,,bob,Tech,,sideways',
      'c1,2026-10-01T09:05:00Z,csat,,,,9,',
      'c1,2026-10-01T09:00:00Z,assign,,ann,Billing,,warm',
      'c2,2026-10-01T09:06:00Z,message,customer,,,,',
      'c1,2026-10-01T09:07:00Z,resolve,,,,,',
    ]);
    const land = async (file: string) => {
      const baton = await Baton.open();
      try {
        const [first] = await baton.import([file]);
        const [again] = await baton.import([file]);
        const rejects = (await baton.rejects()).map((r) => ({ ...r, source_file: null }));
        const events = await baton.engine.all(
          'SELECT seq, source_row, conversation_id, ts, event_type, team, transfer_type FROM events ORDER BY seq',
        );
        return { first, again, rejects, events };
      } finally {
        baton.close();
      }
    };
    const fromCsv = await land(csv);
    const fromParquet = await land(parquet);
    // --strict refuses the file after its rows were inserted: the transaction takes them back.
    const strict = await Baton.open();
    try {
      await assert.rejects(strict.import([parquet], { strict: true }), DataError);
      assert.deepEqual(await strict.engine.all('SELECT count(*) AS n FROM events'), [{ n: 0 }]);
      assert.deepEqual(await strict.engine.all('SELECT count(*) AS n FROM rejects'), [{ n: 0 }]);
    } finally {
      strict.close();
    }
    const strip = (r: ImportReport | undefined) => ({
      ...r,
      file: null,
      source: null,
      problems: r?.problems.map((p) => ({ ...p, at: { ...p.at, file: null } })),
    });
    assert.deepEqual(strip(fromParquet.first), strip(fromCsv.first));
    assert.deepEqual(strip(fromParquet.again), strip(fromCsv.again));
    assert.deepEqual(fromParquet.rejects, fromCsv.rejects);
    assert.deepEqual(fromParquet.events, fromCsv.events);
    // The figures themselves, so the comparison cannot pass by both paths going wrong alike.
    assert.deepEqual(
      [fromParquet.first?.rowsRead, fromParquet.first?.imported, fromParquet.first?.rejected],
      [10, 5, 4],
    );
    assert.equal(fromParquet.first?.duplicates, 1);
    assert.deepEqual(fromParquet.first?.problems.map((p) => [p.code, p.at.row, p.count ?? 1]).sort(), [
      ['bad-csat', 7, 1],
      ['bad-timestamp', 3, 1],
      ['duplicate-event', undefined, 1],
      ['missing-conversation-id', 2, 1],
      ['naive-timestamp', 5, 1],
      ['unknown-event-type', 4, 1],
      ['unknown-transfer-type', 6, 1],
    ]);
    assert.deepEqual(
      [fromParquet.again?.imported, fromParquet.again?.duplicates, fromParquet.again?.rejected],
      [0, 6, 4],
    );
  });
});

test('withoutText stores no message text, yet a repeat is still told apart by its text', async () => {
  await withTempDir(async (dir) => {
    const files = await csvAndParquet(dir, 'texts', [
      'conversation_id,timestamp,event_type,actor,agent_id,team,text',
      'c1,2026-10-01T09:00:00Z,assign,,ann,Billing,',
      'c1,2026-10-01T09:01:00Z,message,customer,,,my invoice is wrong',
      'c1,2026-10-01T09:01:00Z,message,customer,,,my invoice is wrong',
      'c1,2026-10-01T09:01:00Z,message,customer,,,and the card was charged twice',
      'c1,2026-10-01T09:02:00Z,message,agent,ann,Billing,looking at it now',
      'c1,2026-10-01T09:05:00Z,resolve,,,,',
    ]);
    for (const file of files) {
      const counts = async (withoutText: boolean) => {
        const baton = await Baton.open();
        try {
          const [r] = await baton.import([file], { withoutText });
          const texts = await baton.engine.one<{ n: number }>('SELECT count(text) AS n FROM events');
          const a = await baton.analyze();
          return { read: r?.rowsRead, imported: r?.imported, repeats: r?.duplicates, texts: texts.n, a };
        } finally {
          baton.close();
        }
      };
      const kept = await counts(false);
      const dropped = await counts(true);
      // Only the word-for-word copy is a repeat: the message that differs in its text alone is kept.
      assert.deepEqual([kept.read, kept.imported, kept.repeats, kept.texts], [6, 5, 1, 3], file);
      assert.deepEqual([dropped.read, dropped.imported, dropped.repeats, dropped.texts], [6, 5, 1, 0], file);
      assert.deepEqual(dropped.a, kept.a, file);
    }
  });
});

test('the guarded trim gives exactly what trim() gives, Unicode spaces included', async () => {
  const samples = [
    '',
    ' ',
    '  ',
    'a',
    ' a',
    'a ',
    ' a b ',
    '\ta\t',
    '\u00a0a',
    'a\u3000',
    '\u2003',
    'é',
    ' é ',
    'ab\u00a0 ',
  ];
  const engine = await Engine.open();
  try {
    const rows = await engine.all<{ v: string; got: string | null; want: string | null }>(
      `SELECT v, ${trimmedSql('v')} AS got, nullif(trim(v), '') AS want
       FROM (VALUES ${samples.map((_, i) => `($s${i})`).join(', ')}) t(v)`,
      Object.fromEntries(samples.map((v, i) => [`s${i}`, v])),
    );
    assert.equal(rows.length, samples.length);
    for (const r of rows) assert.equal(r.got, r.want, JSON.stringify(r.v));
    assert.equal(rows.find((r) => r.v === '\u00a0a')?.got, 'a', 'a no-break space is trimmed');
  } finally {
    engine.close();
  }
});

test("CSV rows longer than DuckDB's default line limit (2 MB) are imported whole, early or late in the file", async () => {
  await withTempDir(async (dir) => {
    const long = 'x'.repeat(3_000_000);
    const row = (i: number, text: string) =>
      `c${i},2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z,message,customer,${text}`;
    // Past the sniffer's sample (20,480 rows) the reader sets a long row aside instead of failing: read again.
    const late = ['conversation_id,timestamp,event_type,actor,text'];
    for (let i = 0; i < 25_000; i++) late.push(row(i, 'hello'));
    late.push(row(1, long), 'c2,not a time,message,customer,hi', row(3, 'bye'));
    // Within the sample the sniffer itself fails on the long row.
    const early = ['conversation_id,timestamp,event_type,actor,text', row(1, long), row(2, 'hello')];
    // name, lines, rows read, rejects (row, code): every other row is imported.
    for (const [name, lines, rows, rejected] of [
      ['late', late, 25_003, [{ source_row: 25_002, code: 'bad-timestamp' }]],
      ['early', early, 2, []],
    ] as const) {
      const file = join(dir, `${name}.csv`);
      await writeFile(file, lines.join('\n'));
      const baton = await Baton.open();
      try {
        const [report] = await baton.import([file]);
        assert.equal(report?.rowsRead, rows, name);
        assert.equal(report?.rejected, rejected.length, name);
        assert.equal(report?.imported, rows - rejected.length, name);
        const { n } = await baton.engine.one<{ n: number }>(
          'SELECT count(*) AS n FROM events WHERE length(text) = 3000000',
        );
        assert.equal(n, 1, name);
        const rejects = await baton.engine.all('SELECT source_row, code FROM rejects ORDER BY source_row');
        assert.deepEqual(rejects, rejected, name);
      } finally {
        baton.close();
      }
    }
  });
});

test('a file whose every row lands still gets its warnings, counted and located, from CSV and from Parquet', async () => {
  await withTempDir(async (dir) => {
    const [csv, parquet] = await csvAndParquet(dir, 'clean', [
      'conversation_id,timestamp,event_type,actor,agent_id,team,transfer_type',
      'c1,2026-10-01T09:00:00Z,assign,,ann,Billing,warm',
      'c1,2026-10-01 09:01:00,message,customer,,,',
      'c1,2026-10-01T09:02:00Z,assign,,bob,Tech,sideways',
      'c1,2026-10-01 09:03:00,message,agent,bob,,',
      'c1,2026-10-01T09:04:00Z,assign,,cat,Tech,Sideways',
    ]);
    for (const file of [csv, parquet]) {
      const baton = await Baton.open();
      try {
        const [r] = await baton.import([file]);
        assert.deepEqual([r?.rowsRead, r?.imported, r?.rejected, r?.duplicates], [5, 5, 0, 0], file);
        assert.deepEqual(
          r?.problems.map((p) => [p.code, p.at.row, p.count]),
          [
            ['unknown-transfer-type', 3, 2],
            ['naive-timestamp', 2, 2],
          ],
          file,
        );
      } finally {
        baton.close();
      }
    }
  });
});

test('importing the same file twice into one database does not double any count', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'events.csv');
    await writeFile(file, workedExampleCsv());
    const db = join(dir, 'support.duckdb');
    for (let i = 0; i < 2; i++) {
      const baton = await Baton.open({ db });
      try {
        const [r] = await baton.import([file]);
        assert.equal(r?.imported, i === 0 ? r?.rowsRead : 0);
        const a = await baton.analyze();
        assert.equal(a.metrics.handoffs?.value, 360);
        assert.equal(a.data.conversations, 1000);
      } finally {
        baton.close();
      }
    }
  });
});

/** The worked example in a --db, tampered with by `damage`, then analysed by a second process-like open. */
async function analyzeAfter(damage: string): Promise<Analysis> {
  return withTempDir(async (dir) => {
    const file = join(dir, 'events.csv');
    await writeFile(file, workedExampleCsv());
    const db = join(dir, 'support.duckdb');
    const first = await Baton.open({ db });
    try {
      await first.import([file]);
      await first.engine.run(damage);
    } finally {
      first.close();
    }
    const second = await Baton.open({ db });
    try {
      return await second.analyze();
    } finally {
      second.close();
    }
  });
}

test('a derivation that did not finish is redone by the next command', async () => {
  // As if the process died after the handoffs step: stamp gone, later tables stale.
  const a = await analyzeAfter('DROP TABLE baton_derived; DELETE FROM conversations');
  assert.equal(a.data.conversations, 1000);
  assert.equal(a.metrics.handoffs?.value, 360);
});

test('a database derived by an older Baton (no version in the stamp, a table missing) is derived again', async () => {
  const a = await analyzeAfter(
    'DROP TABLE event_buckets; CREATE OR REPLACE TABLE baton_derived AS SELECT count(*) AS n, max(seq) AS max_seq FROM events',
  );
  assert.equal(a.metrics.events?.value, a.data.events);
  assert.equal(a.metrics.handoffs?.value, 360);
});
