// Messy real-world files: each is imported correctly or refused with the file, line or row, field and the fix.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { Baton } from '../src/baton.js';
import { runCli } from './support/run-cli.js';
import { withTempDir } from './support/temp-data.js';

const GOOD_ROWS = ['c1,2026-10-01T09:00:00Z,message,customer', 'c1,2026-10-01T09:01:00Z,resolve,'];
const HEADER = 'conversation_id,timestamp,event_type,actor';

async function analyze(name: string, content: string | Buffer) {
  return withTempDir(async (dir) => {
    const file = join(dir, name);
    await writeFile(file, content);
    const run = await runCli(['analyze', file, '--json', '-q']);
    return { ...run, json: run.code === 0 ? JSON.parse(run.out) : undefined };
  });
}

test('an empty file and a header-only file are refused with a plain reason', async () => {
  const empty = await analyze('empty.csv', '');
  assert.equal(empty.code, 3);
  assert.match(empty.err, /empty-file/);
  const header = await analyze('header.csv', `${HEADER}\n`);
  assert.equal(header.code, 3);
  assert.match(header.err, /no-data/);
});

test('semicolons, tabs, a UTF-8 BOM, CRLF and mixed line endings import correctly', async () => {
  const cases: [string, string][] = [
    ['semi.csv', [HEADER, ...GOOD_ROWS].join('\n').replaceAll(',', ';')],
    ['tabs.tsv', [HEADER, ...GOOD_ROWS].join('\n').replaceAll(',', '\t')],
    ['bom.csv', `\uFEFF${[HEADER, ...GOOD_ROWS].join('\r\n')}\r\n`],
    ['mixed.csv', `${HEADER}\r\n${GOOD_ROWS[0]}\n${GOOD_ROWS[1]}\r\n`],
  ];
  for (const [name, content] of cases) {
    const run = await analyze(name, content);
    assert.equal(run.code, 0, `${name}: ${run.err}`);
    assert.equal(run.json.data.events, 2, name);
    assert.equal(run.json.metrics.resolution_rate.numerator, 1, name);
  }
});

test('quoted newlines are one field; an unbalanced quote is reported with its line', async () => {
  const quoted = await analyze(
    'quoted.csv',
    `${HEADER},text\nc1,2026-10-01T09:00:00Z,message,customer,"two\nlines"\n`,
  );
  assert.equal(quoted.code, 0, quoted.err);
  assert.equal(quoted.json.data.events, 1);
  const broken = await analyze(
    'broken.csv',
    `${HEADER},text\n${GOOD_ROWS[0]},ok\nc1,2026-10-01T09:02:00Z,message,agent,"oops\n`,
  );
  assert.equal(broken.code, 0);
  // DuckDB closes a quote left open at the end of the file; either way the row is accounted for, never lost.
  assert.equal(broken.json.data.events + broken.json.data.rejected_rows, 2);
});

test('invalid UTF-8 is counted as a rejected row, not dropped silently', async () => {
  const bytes = Buffer.concat([
    Buffer.from(`${HEADER}\n${GOOD_ROWS[0]}\nc2,2026-10-01T09:00:00Z,message,`),
    Buffer.from([0xff, 0xfe]),
    Buffer.from('\n'),
  ]);
  const run = await analyze('latin.csv', bytes);
  assert.equal(run.code, 0, run.err);
  assert.equal(run.json.data.events + run.json.data.rejected_rows, 2);
  assert.equal(run.json.data.rejected_rows, 1);
});

test('unknown event types and mixed-zone timestamps: rejects counted, zones honoured', async () => {
  const run = await analyze(
    'zones.csv',
    [
      HEADER,
      'c1,2026-10-01T11:00:00+02:00,message,customer',
      'c1,1790845260,message,agent',
      'c1,2026-10-01T09:02:00Z,wave,agent',
    ].join('\n'),
  );
  assert.equal(run.code, 0, run.err);
  assert.equal(run.json.data.events, 2);
  assert.equal(run.json.data.rejected_rows, 1);
  assert.equal(run.json.metrics.first_response_time_median_s.value, 60);
});

test('a truncated gzip is refused naming the file; a bad NDJSON line is one reject with its record number', async () => {
  const gz = gzipSync(Buffer.from([HEADER, ...GOOD_ROWS, ...GOOD_ROWS, ...GOOD_ROWS].join('\n')));
  const truncated = await analyze('cut.csv.gz', gz.subarray(0, Math.floor(gz.length / 2)));
  assert.notEqual(truncated.code, 0);
  assert.match(truncated.err, /cut\.csv\.gz/);
  const ndjson = await analyze(
    'bad.ndjson',
    '{"conversation_id": "c1", "timestamp": "2026-10-01T09:00:00Z", "event_type": "resolve"}\nnot json\n',
  );
  assert.equal(ndjson.code, 0, ndjson.err);
  assert.equal(ndjson.json.data.events, 1);
  assert.equal(ndjson.json.data.rejected_rows, 1);
  const run = await withTempDir(async (dir) => {
    const file = join(dir, 'bad.ndjson');
    await writeFile(
      file,
      '{"conversation_id": "c1", "timestamp": "2026-10-01T09:00:00Z", "event_type": "resolve"}\nnot json\n',
    );
    return runCli(['analyze', file, '-q', '--json']);
  });
  assert.match(run.err, /malformed-row at .*bad\.ndjson row 2: record 2 is not valid JSON/);
});

test('spreadsheet-mangled dates are rejected with the fix named, and read with --date-format', async () => {
  const csv = [HEADER, 'c1,01/10/2026 09:00,message,customer', 'c1,01/10/2026 09:05,message,agent'].join(
    '\n',
  );
  const plain = await analyze('mangled.csv', csv);
  assert.equal(plain.code, 3, 'every row rejected leaves no data');
  assert.match(plain.err, /bad-timestamp.*--date-format/s);
  const fixed = await withTempDir(async (dir) => {
    const file = join(dir, 'mangled.csv');
    await writeFile(file, csv);
    return runCli([
      'analyze',
      file,
      '--date-format',
      '%d/%m/%Y %H:%M',
      '--tz',
      'Europe/Paris',
      '--json',
      '-q',
    ]);
  });
  assert.equal(fixed.code, 0, fixed.err);
  const data = JSON.parse(fixed.out).data;
  assert.equal(data.events, 2);
  assert.equal(data.first_event, '2026-10-01T07:00:00Z');
});

test('a 10 MB text field and a reply stamped before the question import; nothing is lost', async () => {
  const big = 'x'.repeat(10 * 1024 * 1024);
  const csv = [
    `${HEADER},text`,
    `c1,2026-10-01T09:00:00Z,message,customer,"${big}"`,
    'c1,2026-10-01T08:59:00Z,message,agent,clock skew',
  ].join('\n');
  const run = await analyze('big.csv', csv);
  assert.equal(run.code, 0, run.err);
  assert.equal(run.json.data.events, 2);
  // The agent's clock is a minute behind: the reply sorts first, so there is no first response, not a negative one.
  assert.equal(run.json.metrics.first_response_time_median_s.denominator, 0);
});

test('one million conversations of one event each', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'million.csv');
    const baton = await Baton.open();
    try {
      await baton.engine.run(
        `COPY (SELECT 'c' || range AS conversation_id, '2026-10-01T09:00:00Z' AS timestamp, 'message' AS event_type,
           'customer' AS actor FROM range(1000000)) TO '${file}' (FORMAT csv, HEADER true)`,
      );
    } finally {
      baton.close();
    }
    const run = await runCli(['analyze', file, '--json', '-q']);
    assert.equal(run.code, 0, run.err);
    const json = JSON.parse(run.out);
    assert.equal(json.data.conversations, 1_000_000);
    assert.equal(json.metrics.handoffs.value, 0);
    assert.equal(json.metrics.abandonment_after_handoff_rate.denominator, 0);
  });
});

test('ids that lost their leading zeros in a spreadsheet are flagged by inspect', async () => {
  const csv = [
    HEADER,
    '00123,2026-10-01T09:00:00Z,message,customer',
    '123,2026-10-01T09:05:00Z,resolve,',
  ].join('\n');
  const run = await withTempDir(async (dir) => {
    const file = join(dir, 'zeros.csv');
    await writeFile(file, csv);
    return runCli(['inspect', file, '--json']);
  });
  assert.equal(run.code, 0, run.err);
  const warning = JSON.parse(run.out).warnings.find(
    (w: { code: string }) => w.code === 'ids-differ-by-leading-zeros',
  );
  assert.ok(warning, 'the split conversation is flagged');
  assert.match(warning.message, /00123/);
});
