// `npm run bench:import`: write a ~1 GB export of the seeded demo operation in each streaming source's format
// (Zendesk audits NDJSON, Intercom conversations NDJSON, ServiceNow incident audit CSV, XES), then import each
// with `baton inspect FILE --source NAME --json -q` as a whole process under /usr/bin/time, and report per source
// the file size, events imported, rejects, wall time, events/s and peak RSS (DuckDB's native memory included).
//
// Environment: BENCH_IMPORT_MB (size target per file, default 1024), BENCH_IMPORT_SOURCES (comma list, default
// all four), BENCH_IMPORT_COMMAND (inspect | analyze, default inspect), BENCH_IMPORT_TIMEOUT_S (per import,
// default 900; a run past it is killed and reported), BENCH_IMPORT_ARGS (extra CLI arguments, space-separated,
// e.g. "--memory-limit 8GB"). Exports are cached in bench/out/ and reused for the same size target.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ExportMeta, type ExportWriter, ensureExport } from './exports/common.js';
import { intercomWriter } from './exports/intercom.js';
import { servicenowWriter } from './exports/servicenow.js';
import { xesWriter } from './exports/xes.js';
import { zendeskWriter } from './exports/zendesk.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'bench', 'out');
const BATON = join(ROOT, 'bin', 'baton');
const MB = 2 ** 20;

const WRITERS: Readonly<Record<string, () => ExportWriter>> = {
  zendesk: zendeskWriter,
  intercom: intercomWriter,
  servicenow: servicenowWriter,
  xes: xesWriter,
};

const TARGET_MB = Number(process.env.BENCH_IMPORT_MB ?? 1024);
const SOURCES = (process.env.BENCH_IMPORT_SOURCES ?? Object.keys(WRITERS).join(','))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const COMMAND = process.env.BENCH_IMPORT_COMMAND ?? 'inspect';
const TIMEOUT_S = Number(process.env.BENCH_IMPORT_TIMEOUT_S ?? 900);
const EXTRA_ARGS = (process.env.BENCH_IMPORT_ARGS ?? '').split(' ').filter(Boolean);

interface Timed {
  code: number | null;
  wall_s: number;
  max_rss_mb: number | null;
  stdout: string;
  stderr: string;
  timed_out: boolean;
}

interface Row {
  source: string;
  file_mb: number;
  conversations_written: number;
  events: number | null;
  rows_read: number | null;
  rejected: number | null;
  duplicates: number | null;
  wall_s: number;
  events_per_s: number | null;
  max_rss_mb: number | null;
  status: 'ok' | 'rejects' | 'failed' | 'timeout';
  error?: string;
  problems?: string[];
}

/** Children of a process, from /proc (the node process under /usr/bin/time). */
function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Runs `node bin/baton ...args` under /usr/bin/time -f %M (peak RSS of the child, DuckDB included) in its own
 * process group and its own TMPDIR (the CLI's scratch database and DuckDB's spill files), killing it after
 * `timeoutS`: the node process first, so time still reports its peak, then the whole group.
 */
function timed(args: string[], timeoutS: number): Promise<Timed> {
  const tmp = mkdtempSync(join(OUT, 'tmp-'));
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%M', 'node', BATON, ...args], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TMPDIR: tmp },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let errBytes = 0;
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      // Keep stderr bounded: the head (first problems) and the tail (the error, the RSS line).
      errBytes += b.length;
      err.push(b);
      if (err.length > 2000) err.splice(1000, err.length - 1500);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      const pid = child.pid;
      if (pid === undefined) return;
      for (const c of childPids(pid)) {
        try {
          process.kill(c, 'SIGKILL');
        } catch {}
      }
      setTimeout(() => {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {}
      }, 10_000).unref();
    }, timeoutS * 1000);
    child.on('error', (error) => {
      clearTimeout(timer);
      rmSync(tmp, { recursive: true, force: true });
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(tmp, { recursive: true, force: true });
      const stderr = Buffer.concat(err).toString('utf8');
      const last = stderr.trim().split('\n').at(-1) ?? '';
      const kb = /^\d+$/.test(last.trim()) ? Number(last.trim()) : null;
      resolve({
        code,
        wall_s: (performance.now() - started) / 1000,
        max_rss_mb: kb === null ? null : kb / 1024,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: errBytes > stderr.length ? `${stderr}\n(stderr truncated)` : stderr,
        timed_out: timedOut,
      });
    });
  });
}

interface Problem {
  code: string;
  severity: string;
  message: string;
  count?: number;
  at?: { file?: string; row?: number; field?: string };
}

const describe = (p: Problem) =>
  `${p.severity} ${p.code}${p.count ? ` ×${p.count}` : ''}${p.at?.row ? ` (row ${p.at.row})` : ''}: ${p.message}`;

/** Counts from the command's JSON: inspect's file report and counts, or analyze's data block. */
function parseCounts(
  stdout: string,
): Pick<Row, 'events' | 'rows_read' | 'rejected' | 'duplicates'> & { problems: string[] } {
  const json = JSON.parse(stdout) as {
    files?: { rowsRead: number; imported: number; rejected: number; duplicates: number }[];
    counts?: { events: number };
    warnings?: Problem[];
    data?: { events: number; rejected_rows: number };
  };
  if (json.files) {
    const f = json.files;
    const sum = (k: 'rowsRead' | 'imported' | 'rejected' | 'duplicates') => f.reduce((s, r) => s + r[k], 0);
    const notable = (json.warnings ?? []).filter((p) => p.severity === 'error' || p.code.includes('skipped'));
    return {
      events: json.counts?.events ?? sum('imported'),
      rows_read: sum('rowsRead'),
      rejected: sum('rejected'),
      duplicates: sum('duplicates'),
      problems: notable.map(describe),
    };
  }
  return {
    events: json.data?.events ?? null,
    rows_read: null,
    rejected: json.data?.rejected_rows ?? null,
    duplicates: null,
    problems: [],
  };
}

async function benchSource(source: string, make: () => ExportWriter): Promise<Row> {
  const extension = make().extension;
  const file = join(OUT, `import-${source}-${TARGET_MB}mb.${extension}`);
  const meta: ExportMeta = await ensureExport(make, file, Math.round(TARGET_MB * MB), (m) =>
    process.stderr.write(`${m}\n`),
  );
  process.stderr.write(`importing ${file} with \`baton ${COMMAND} --source ${source}\`\n`);
  const args = [COMMAND, file, '--source', source, '--json', '-q', ...EXTRA_ARGS];
  const run = await timed(args, TIMEOUT_S);
  const base = {
    source,
    file_mb: round(meta.bytes / MB),
    conversations_written: meta.conversations,
    wall_s: round(run.wall_s),
    max_rss_mb: run.max_rss_mb === null ? null : Math.round(run.max_rss_mb),
  };
  if (run.timed_out || run.code !== 0) {
    const lines = run.stderr.trim().split('\n');
    const message = lines
      .filter((l) => !/^\d+$/.test(l.trim()))
      .slice(-12)
      .join('\n');
    return {
      ...base,
      events: null,
      rows_read: null,
      rejected: null,
      duplicates: null,
      events_per_s: null,
      status: run.timed_out ? 'timeout' : 'failed',
      error: run.timed_out
        ? `killed after ${TIMEOUT_S} s (BENCH_IMPORT_TIMEOUT_S)\n${message}`
        : `exit ${run.code}\n${message}`,
    };
  }
  const counts = parseCounts(run.stdout);
  const row: Row = {
    ...base,
    events: counts.events,
    rows_read: counts.rows_read,
    rejected: counts.rejected,
    duplicates: counts.duplicates,
    events_per_s: counts.events === null ? null : Math.round(counts.events / run.wall_s),
    status: counts.rejected === 0 ? 'ok' : 'rejects',
  };
  if (counts.problems.length) row.problems = counts.problems;
  return row;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const unknown = SOURCES.filter((s) => !WRITERS[s]);
  if (unknown.length)
    throw new Error(`unknown source(s) ${unknown.join(', ')}; known: ${Object.keys(WRITERS)}`);
  const rows: Row[] = [];
  for (const source of SOURCES) {
    const row = await benchSource(source, WRITERS[source]!);
    rows.push(row);
    process.stdout.write(`${JSON.stringify(row)}\n`);
    if (row.status !== 'ok') {
      const what =
        row.status === 'rejects'
          ? `${row.rejected} rows rejected`
          : row.status === 'timeout'
            ? 'timed out'
            : 'import failed';
      process.stderr.write(`\n!!!!! WARNING: ${source}: ${what} !!!!!\n`);
      if (row.error) process.stderr.write(`${row.error}\n`);
      for (const p of (row.problems ?? []).slice(0, 5)) process.stderr.write(`  ${p}\n`);
      process.stderr.write('\n');
    }
  }
  printTable(rows);
  const summary = {
    target_mb: TARGET_MB,
    command: `baton ${COMMAND} FILE --source NAME --json -q${EXTRA_ARGS.length ? ` ${EXTRA_ARGS.join(' ')}` : ''}`,
    machine: { cpus: cpus().length, total_mem_mb: Math.round(totalmem() / MB), node: process.version },
    results: rows,
  };
  const file = join(OUT, 'importers.json');
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(`figures written to ${file}\n`);
  if (rows.some((r) => r.status !== 'ok')) {
    process.stderr.write(
      `\n!!!!! WARNING: ${rows
        .filter((r) => r.status !== 'ok')
        .map((r) => `${r.source} ${r.status}`)
        .join(', ')} !!!!!\n`,
    );
    process.exitCode = 1;
  }
}

function printTable(rows: Row[]): void {
  const columns: (keyof Row)[] = [
    'source',
    'file_mb',
    'events',
    'rejected',
    'wall_s',
    'events_per_s',
    'max_rss_mb',
    'status',
  ];
  const cell = (r: Row, c: keyof Row) => (r[c] === null || r[c] === undefined ? '—' : String(r[c]));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r, c).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  process.stdout.write(
    `\n${line(columns)}\n${rows.map((r) => line(columns.map((c) => cell(r, c)))).join('\n')}\n`,
  );
}

const round = (n: number) => Math.round(n * 100) / 100;

await main();
