// `baton report` on the article's worked example: every section, the analysis's own numbers, no network, SVG snapshots.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Baton } from '../src/baton.js';
import { parseCommandArgs } from '../src/cli/command.js';
import { reportCommand } from '../src/cli/commands/report.js';
import { writeDemoCsv } from '../src/demo/index.js';
import { DataError, ExitCode, UsageError } from '../src/model/errors.js';
import { buildReport, type ReportData } from '../src/report/build-report.js';
import { funnelChart } from '../src/report/charts/funnel-chart.js';
import { sankeyChart } from '../src/report/charts/sankey-chart.js';
import { workedExampleCsv } from './fixtures/worked-example.js';
import { REPORT_CHARTS } from './support/report-charts.js';
import type { CliRun } from './support/run-cli.js';
import { csvOf, withTempDir } from './support/temp-data.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SNAPSHOTS = join(ROOT, 'test', 'snapshots');

const SECTIONS = [
  'data',
  'metrics',
  'benchmark',
  'funnel',
  'paths',
  'handovers',
  'timing',
  'handoff-time',
  'cost',
  'findings',
  'agents',
  'teams',
];
const CHARTS = REPORT_CHARTS;

/** Runs `baton report ARGS` in-process (the command is not necessarily registered in main yet). */
async function runReport(argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
  let code: number;
  try {
    const { values, positionals } = parseCommandArgs(reportCommand, argv);
    code = await reportCommand.run(values, positionals, io);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof DataError)) throw error;
    err.push(error.message);
    code = error instanceof UsageError ? ExitCode.usage : ExitCode.data;
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function withExample<T>(work: (file: string, dir: string) => Promise<T>): Promise<T> {
  return withTempDir(async (dir) => {
    const file = join(dir, 'example.csv');
    await writeFile(file, workedExampleCsv());
    return work(file, dir);
  });
}

async function exampleData(file: string): Promise<ReportData> {
  const baton = await Baton.open();
  try {
    await baton.import([file]);
    return await buildReport(baton, { benchmark: 'saas-b2b' });
  } finally {
    baton.close();
  }
}

/** Rows of the table under one chart (or with one id), as cell texts. */
function tableRows(html: string, marker: string): string[][] {
  const start = html.indexOf(marker);
  assert.ok(start >= 0, `no ${marker}`);
  const table = html.slice(start, html.indexOf('</table>', start));
  const body = table.slice(table.indexOf('<tbody>'));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((r) =>
    [...(r[1] ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1] ?? ''),
  );
}

test('html: every section and chart, each chart with its table and marks, numbers from the analysis', async () => {
  await withExample(async (file, dir) => {
    const out = join(dir, 'report.html');
    const run = await runReport([
      file,
      '--out',
      out,
      '--benchmark',
      'saas-b2b',
      '--title',
      'Worked <example>',
      '-q',
    ]);
    assert.equal(run.code, 0, run.err);
    const html = await readFile(out, 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<title>Worked &lt;example&gt;<\/title>/);
    for (const id of SECTIONS) assert.match(html, new RegExp(`<section id="${id}">`), `section ${id}`);
    for (const id of CHARTS) {
      assert.match(html, new RegExp(`data-chart="${id}"`), `chart ${id}`);
      assert.match(
        html,
        new RegExp(
          `<details data-table-for="${id}"><summary>[^<]*</summary>\\s*<div class="table-wrap"><table`,
        ),
      );
    }
    // Every chart with data is an SVG with marks; the worked example has no CSAT, so that one says so.
    const figures = html.split('<figure class="chart"').slice(1);
    assert.equal(figures.length, CHARTS.length);
    for (const figure of figures) {
      const id = /data-chart="([^"]+)"/.exec(figure)?.[1];
      if (id === 'csat-by-handoffs') assert.match(figure, /No data for this chart/);
      else
        assert.match(
          figure,
          /<svg[^>]*>[\s\S]*<g [^>]*aria-label="(bar|link|cell|dot|rect)"[^>]*>(\s*<g[^>]*>)?\s*<(rect|path|circle)/,
          `${id} marks`,
        );
    }

    const data = await exampleData(file);
    const success = data.metrics.find((m) => m.id === 'handoff_success_rate')!;
    assert.deepEqual([success.numerator, success.denominator], [285, 360]);
    assert.match(html, /data-metric="handoff_success_rate">.*?79\.2%.*?285 of 360/);
    assert.match(html, /SaaS B2B band \(estimate\)/);
    assert.match(html, /industry estimates, not measurements/);
    assert.deepEqual(
      tableRows(html, 'data-table-for="funnel"'),
      data.funnel.map((r) => [
        r.channel,
        ...[r.reached, r.handed_on, r.resolved, r.abandoned].map((n) => n.toLocaleString('en-US')),
      ]),
    );
    assert.deepEqual(tableRows(html, 'data-table-for="funnel"'), [
      ['chat', '1,000', '300', '700', '0'],
      ['email', '300', '60', '240', '0'],
      ['phone', '60', '0', '45', '15'],
    ]);
    const teams = tableRows(html, 'id="teams-table"');
    assert.deepEqual(teams.find((r) => r[0] === 'Email')?.slice(0, 6), [
      'Email',
      '60',
      '300',
      '80.0%',
      '75.1% – 84.1%',
      '300',
    ]);
    // The cost of a handoff is exactly 40% in the worked example.
    assert.match(html, /multiplies resolution time by about 1\.40/);
  });
});

test('html: no network references of any kind', async () => {
  await withExample(async (file, dir) => {
    const out = join(dir, 'report.html');
    assert.equal((await runReport([file, '--out', out, '-q'])).code, 0);
    const html = await readFile(out, 'utf8');
    assert.doesNotMatch(html, /\b(src|href|xlink:href|action|poster|srcset)\s*=\s*["']?\s*(https?:)?\/\//i);
    assert.doesNotMatch(html, /@import/i);
    assert.doesNotMatch(html, /url\(\s*["']?\s*(https?:)?\/\//i);
    assert.doesNotMatch(html, /<(link|iframe|object|embed|img)\b/i);
    assert.doesNotMatch(html, /<script[^>]*\bsrc=/i);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });
});

test('html: user text is escaped in tables and charts', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'events.csv');
    await writeFile(
      file,
      csvOf([
        'c1, 09:00, message, customer, , , , chat',
        'c1, 09:01, assign, , ann, <b>R&D</b>, , chat',
        'c1, 09:02, message, agent, ann, <b>R&D</b>, , chat',
        'c1, 09:03, transfer, , bob, Billing, , chat',
        'c1, 09:04, message, agent, bob, Billing, , chat',
        'c1, 09:05, resolve',
      ]),
    );
    const out = join(dir, 'report.html');
    assert.equal((await runReport([file, '--out', out, '-q'])).code, 0);
    const html = await readFile(out, 'utf8');
    assert.doesNotMatch(html, /<b>R&D<\/b>/);
    assert.match(html, /&lt;b&gt;R&amp;D&lt;\/b&gt;/);
  });
});

/** Ids and long decimals vary with nothing that matters; the snapshot keeps the structure and rounded geometry. */
function normalizeSvg(svg: string): string {
  return svg
    .replace(/\b(plot-clip|plot-pattern|clip|gradient)-[\w-]+/g, '$1-ID')
    .replace(/-?\d+\.\d+/g, (n) => Number(n).toFixed(1))
    .replace(/></g, '>\n<');
}

async function snapshot(name: string, actual: string): Promise<void> {
  const path = join(SNAPSHOTS, name);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    await mkdir(SNAPSHOTS, { recursive: true });
    await writeFile(path, actual);
    return;
  }
  assert.ok(existsSync(path), `snapshot ${name} is missing: run the tests once with UPDATE_SNAPSHOTS=1`);
  assert.equal(
    actual,
    await readFile(path, 'utf8'),
    `${name} differs from its snapshot (UPDATE_SNAPSHOTS=1 rewrites it)`,
  );
}

test('snapshots: the funnel and channel Sankey SVGs of the worked example', async () => {
  await withExample(async (file) => {
    const data = await exampleData(file);
    const funnel = funnelChart(data.funnel).render();
    const sankey = sankeyChart('channel', data.flows.channel).render();
    assert.ok(funnel && sankey);
    await snapshot('report-funnel.svg', normalizeSvg(funnel));
    await snapshot('report-sankey-channel.svg', normalizeSvg(sankey));
  });
});

test('md: the same sections and numbers as Markdown tables', async () => {
  await withExample(async (file) => {
    const run = await runReport([file, '--format', 'md', '--benchmark', 'SaaS B2B', '-q']);
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /^# Handoff report\n/);
    for (const title of [
      '## Headline metrics',
      '## Channel funnel',
      '### Handoff paths between channels',
      '## Teams',
    ])
      assert.ok(run.out.includes(title), title);
    assert.match(run.out, /\| Handoff success rate \| 79\.2% \| 74\.7% – 83\.0% \| 360 \|/);
    assert.ok(run.out.includes('| chat | 1,000 | 300 | 700 | 0 |'));
    assert.ok(run.out.includes('| phone | 60 | 0 | 45 | 15 |'));
    assert.match(run.out, /industry estimates, not measurements/);
    assert.doesNotMatch(run.out, /<svg/);
  });
});

test('json: the report data, equal to the analysis', async () => {
  await withExample(async (file, dir) => {
    const out = join(dir, 'report.json');
    assert.equal((await runReport([file, '--out', out, '-q'])).code, 0, 'format from the .json extension');
    const json = JSON.parse(await readFile(out, 'utf8')) as ReportData;
    const baton = await Baton.open();
    try {
      await baton.import([file]);
      const analysis = await baton.analyze();
      assert.deepEqual(json.funnel, analysis.funnel);
      assert.deepEqual(json.data, analysis.data);
      for (const m of json.metrics) {
        const { id, title: _t, definition: _d, unit: _u, ...value } = m;
        assert.deepEqual(value, analysis.metrics[id], id);
      }
    } finally {
      baton.close();
    }
    const success = json.metrics.find((m) => m.id === 'handoff_success_rate')!;
    assert.deepEqual([success.numerator, success.denominator], [285, 360]);
    assert.equal(
      json.handoff_time_histogram.reduce((s, b) => s + b.handoffs, 0),
      345,
      'completed handoffs',
    );
    assert.deepEqual(
      json.by_handoff_count.map((r) => [r.handoff_count, r.conversations, r.resolution_time_median_s?.value]),
      [
        [0, 700, 1000],
        [1, 240, 1400],
        [2, 60, 1960],
      ],
    );
  });
});

test('the diagnosis: each finding with evidence, impact and fix, in every format; --no-diagnosis leaves it out', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'demo.csv');
    await writeDemoCsv(file, { conversations: 3000, seed: 7, clean: true, plant: ['slow-channel'] });
    const html = join(dir, 'report.html');
    assert.equal((await runReport([file, '--out', html, '-q'])).code, 0);
    const page = await readFile(html, 'utf8');
    const rows = tableRows(page, 'id="findings-table"');
    const slow = rows.find((r) => r[2]?.includes('chat→email') && r[2].includes('wait'));
    assert.ok(slow, `the planted chat→email finding is listed: ${rows.map((r) => r[2]).join(' | ')}`);
    assert.match(slow[3] ?? '', /n=[\d,]+ vs .*Mann-Whitney/);
    assert.match(slow[8] ?? '', /Cross-team visibility/);
    assert.match(page, /What handoffs cost a month/);
    const md = join(dir, 'report.md');
    assert.equal((await runReport([file, '--out', md, '-q'])).code, 0);
    assert.match(await readFile(md, 'utf8'), /## Why handoffs fail[\s\S]*chat→email/);
    const json = join(dir, 'report.json');
    assert.equal((await runReport([file, '--out', json, '-q'])).code, 0);
    const data = JSON.parse(await readFile(json, 'utf8')) as ReportData;
    assert.ok(data.diagnosis?.findings.some((f) => f.id === 'slow-handoff:chat→email'));
    const bare = join(dir, 'bare.html');
    assert.equal((await runReport([file, '--out', bare, '--no-diagnosis', '-q'])).code, 0);
    assert.doesNotMatch(await readFile(bare, 'utf8'), /<section id="findings">/);
  });
});

test('usage errors: unknown format or benchmark segment, before any data is read', async () => {
  const format = await runReport(['absent.csv', '--format', 'pdf']);
  assert.equal(format.code, 2);
  assert.match(format.err, /Unknown report format 'pdf'/);
  const segment = await runReport(['absent.csv', '--benchmark', 'nowhere']);
  assert.equal(segment.code, 2);
  assert.match(segment.err, /Unknown benchmark segment/);
  assert.equal((await runReport([])).code, 2);
});

test('agent and team tables carry shrunk rates that pull small samples towards the operation', async () => {
  await withExample(async (file) => {
    const data = await exampleData(file);
    const team = data.teams.find((t) => t.name === 'Phone')!;
    assert.ok(team.shrunk_success_rate);
    const raw = team.success_rate!.value!;
    const overall = 285 / 360;
    // Phone's 45 of 60 is pulled towards the operation's rate, never past it.
    assert.ok(Math.min(raw, overall) - 1e-9 <= team.shrunk_success_rate.value);
    assert.ok(team.shrunk_success_rate.value <= Math.max(raw, overall) + 1e-9);
    assert.ok(team.shrunk_success_rate.ci95[0] < team.shrunk_success_rate.value);
  });
});
