// The CLI as a user meets it: help, JSON contracts, exit codes, exports, and the executable at bin/baton.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { COMMANDS } from '../src/cli/main.js';
import { openWithData } from '../src/cli/shared-options.js';
import { workedExampleCsv } from './fixtures/worked-example.js';
import { runCli } from './support/run-cli.js';
import { withTempDir } from './support/temp-data.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function withExample<T>(work: (file: string, dir: string) => Promise<T>): Promise<T> {
  return withTempDir(async (dir) => {
    const file = join(dir, 'example.csv');
    await writeFile(file, workedExampleCsv());
    return work(file, dir);
  });
}

test('help: top level and every command', async () => {
  const top = await runCli(['--help']);
  assert.equal(top.code, 0);
  for (const c of COMMANDS) assert.match(top.out, new RegExp(`\\b${c.name}\\b`));
  for (const c of COMMANDS) {
    const help = await runCli([c.name, '--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /^Usage: baton /);
    assert.match(help.out, /--help/);
  }
});

test('exit codes: usage error 2, data error 3', async () => {
  assert.equal((await runCli(['frobnicate'])).code, 2);
  assert.equal((await runCli(['analyze'])).code, 2);
  assert.equal((await runCli(['analyze', '--bogus'])).code, 2);
  await withExample(async (file, dir) => {
    const bad = await runCli(['query', file, '--metric', 'resolution_rate', '--by', 'channel_pair', '-q']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /Valid dimensions for resolution_rate: .*start_channel/);
    const noColumn = join(dir, 'no-ts.csv');
    await writeFile(noColumn, 'conversation_id,event_type\nc1,message\n');
    const missing = await runCli(['analyze', noColumn, '-q']);
    assert.equal(missing.code, 3);
    assert.match(missing.err, /missing-column .*timestamp.*--map timestamp=COLUMN/s);
    assert.equal((await runCli(['analyze', join(dir, 'absent.csv'), '-q'])).code, 3);
    assert.equal((await runCli(['analyze', file, '--tz', 'Mars/Olympus', '-q'])).code, 2);
  });
});

test('analyze --json: only JSON on stdout, with the documented shape', async () => {
  await withExample(async (file) => {
    const run = await runCli(['analyze', file, '--json']);
    assert.equal(run.code, 0);
    const json = JSON.parse(run.out);
    assert.deepEqual(Object.keys(json.data).sort(), [
      'conversations',
      'duplicate_rows',
      'events',
      'first_event',
      'implicit_conversations',
      'last_event',
      'rejected_rows',
    ]);
    assert.deepEqual(json.metrics.handoff_success_rate.numerator, 285);
    assert.deepEqual(Object.keys(json.metrics.handoff_rate), ['value', 'numerator', 'denominator', 'ci95']);
    assert.deepEqual(json.paths.channel[2], {
      sequence: ['chat', 'email', 'phone'],
      conversations: 60,
      resolved: 45,
      abandoned: 15,
    });
    assert.ok(Array.isArray(json.paths.team));
    assert.match(run.err, /importing/);
  });
});

test('analyze prints the readable summary', async () => {
  await withExample(async (file) => {
    const run = await runCli(['analyze', file, '-q']);
    assert.equal(run.code, 0);
    for (const heading of [
      'HEADLINE METRICS',
      'CHANNEL FUNNEL',
      'TOP CHANNEL PATHS',
      'TEAM PAIRS WITH THE MOST FAILED',
    ]) {
      assert.match(run.out, new RegExp(heading));
    }
    assert.match(run.out, /Handoff success rate\s+79\.2%/);
  });
});

test('query --json rows, with --db persistence across commands', async () => {
  await withExample(async (file, dir) => {
    const db = join(dir, 'support.duckdb');
    assert.equal((await runCli(['analyze', file, '--db', db, '-q', '--json'])).code, 0);
    const run = await runCli([
      'query',
      '--db',
      db,
      '--metric',
      'handoff_success_rate',
      '--by',
      'channel_pair',
      '--json',
    ]);
    assert.equal(run.code, 0);
    const { rows } = JSON.parse(run.out);
    assert.deepEqual(
      rows.map((r: Record<string, unknown>) => [r.channel_pair, r.handoff_success_rate, r.n]),
      [
        ['chat→email', 0.8, 300],
        ['email→phone', 0.75, 60],
      ],
    );
    const filtered = await runCli([
      'query',
      '--db',
      db,
      '--metric',
      'handoffs',
      '--where',
      'to_channel=phone',
      '--json',
    ]);
    assert.equal(JSON.parse(filtered.out).rows[0].handoffs, 60);
  });
});

test('export handoffs and conversations', async () => {
  await withExample(async (file, dir) => {
    const out = join(dir, 'handoffs.csv');
    assert.equal((await runCli(['export', 'handoffs', file, '--out', out, '-q'])).code, 0);
    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    assert.equal(lines.length, 361);
    assert.match(lines[0]!, /^conversation_id,handoff_no,handoff_at,from_agent,to_agent,from_team,to_team/);
    const conv = join(dir, 'conversations.ndjson');
    assert.equal((await runCli(['export', 'conversations', file, '--out', conv, '-q'])).code, 0);
    const rows = (await readFile(conv, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(rows.length, 1000);
    assert.equal(rows.filter((r) => r.channel_path === 'chat → email → phone').length, 60);
  });
});

test('metrics lists the catalog with definitions', async () => {
  const run = await runCli(['metrics']);
  assert.equal(run.code, 0);
  assert.match(run.out, /handoff_success_rate .*completed and then resolved/);
  const one = await runCli(['metrics', 'ping_pong_rate']);
  assert.match(one.out, /Ping-pong rate/);
  assert.equal((await runCli(['metrics', 'nope'])).code, 2);
});

test('bin/baton runs as an executable', () => {
  const run = spawnSync(join(ROOT, 'bin/baton'), ['--help'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Usage: baton <command>/);
});

test('analyze --benchmark places the three metrics against the band, and refuses an unknown segment first', async () => {
  await withExample(async (file) => {
    const run = await runCli(['analyze', file, '--json', '-q', '--benchmark', 'SaaS B2B']);
    assert.equal(run.code, 0, run.err);
    const { benchmark } = JSON.parse(run.out);
    assert.equal(benchmark.segment.id, 'saas-b2b');
    const success = benchmark.metrics.find((m: { metric: string }) => m.metric === 'handoff_success_rate');
    assert.equal(success.position, 'below');
    assert.match(benchmark.caveat, /estimates/);
    const bad = await runCli(['analyze', file, '-q', '--benchmark', 'Martian retail']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /saas-b2b/);
  });
});

test('rejected rows go to a file: --rejects FILE, or next to --db by default', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'messy.csv');
    await writeFile(
      file,
      'conversation_id,timestamp,event_type\nc1,2026-10-01T09:00:00Z,resolve\nc1,soon,resolve\n',
    );
    const db = join(dir, 'support.duckdb');
    const run = await runCli(['analyze', file, '--db', db, '--json']);
    assert.equal(run.code, 0, run.err);
    const rejects = (await readFile(`${db}.rejects.csv`, 'utf8')).trim().split('\n');
    assert.equal(rejects.length, 2);
    assert.match(rejects[1]!, /,2,,bad-timestamp,timestamp,soon,/);
    const named = join(dir, 'rejects.ndjson');
    assert.equal((await runCli(['analyze', file, '--rejects', named, '-q', '--json'])).code, 0);
    assert.equal(JSON.parse((await readFile(named, 'utf8')).trim()).code, 'bad-timestamp');
  });
});

test('a command that reads no message text spares a scratch database it, never a --db file', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'events.csv');
    await writeFile(file, workedExampleCsv());
    const io = { out: () => {}, err: () => {} };
    const texts = async (values: Record<string, string | boolean>, text?: boolean) => {
      const { baton } = await openWithData(values, [file], io, text === undefined ? {} : { text });
      try {
        return (await baton.engine.one<{ n: number }>('SELECT count(text) AS n FROM events')).n;
      } finally {
        await baton.close();
      }
    };
    const all = await texts({ quiet: true });
    assert.ok(all > 0);
    assert.equal(await texts({ quiet: true }, false), 0);
    assert.equal(await texts({ quiet: true, db: join(dir, 'kept.duckdb') }, false), all);
    // analyze is one such command: its answer is the same whether the text was kept or not.
    const scratch = await runCli(['analyze', file, '--json', '-q']);
    const saved = await runCli(['analyze', file, '--db', join(dir, 'a.duckdb'), '--json', '-q']);
    assert.equal(scratch.code, 0);
    assert.deepEqual(JSON.parse(scratch.out), JSON.parse(saved.out));
  });
});

test('bin/baton serve answers the API from a file, then stops cleanly on SIGTERM', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'events.csv');
    await writeFile(file, workedExampleCsv());
    const bin = join(ROOT, 'bin/baton');
    const child = spawn(process.execPath, [bin, 'serve', file, '--port', '0', '-q'], { stdio: 'pipe' });
    try {
      // The URL is the only line on stdout, printed once the server listens.
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out.trim());
        });
        child.once('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
      });
      const summary = await fetch(`${url}/api/summary`);
      assert.equal(summary.status, 200);
      const body = (await summary.json()) as { metrics?: { handoffs?: { value?: number } } };
      assert.equal(body.metrics?.handoffs?.value, 360);
      const page = await fetch(`${url}/`);
      assert.match(await page.text(), /<html/i);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
