// The HTML report in a real browser (Debian's headless Chromium): charts drawn, no request but the file, sorting works.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { parseCommandArgs } from '../src/cli/command.js';
import { reportCommand } from '../src/cli/commands/report.js';
import { writeDemoCsv } from '../src/demo/index.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumMissing, chromiumSkip } from './support/chromium.js';
import { REPORT_CHARTS } from './support/report-charts.js';
import { withTempDir } from './support/temp-data.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHARTS = REPORT_CHARTS;

const missing = chromiumMissing;
const skip = chromiumSkip;

test('report in headless Chromium: every chart drawn, no network, sortable tables, screenshot', {
  skip,
  timeout: 120_000,
}, async () => {
  assert.ok(!missing, `${CHROMIUM} is missing on CI: .ci/run must apt-get install chromium`);
  await withTempDir(async (dir) => {
    // Demo data, so every chart (CSAT included) has something to draw.
    const events = join(dir, 'demo.csv');
    await writeDemoCsv(events, { conversations: 1500, seed: 11 });
    const out = join(dir, 'report.html');
    const { values, positionals } = parseCommandArgs(reportCommand, [
      events,
      '--out',
      out,
      '--benchmark',
      'saas-b2b',
      '-q',
    ]);
    const io = { out: () => {}, err: () => {} };
    assert.equal(await reportCommand.run(values, positionals, io), 0);
    const url = pathToFileURL(out).href;

    const profile = await mkdtemp(join(tmpdir(), 'baton-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: { width: 1100, height: 900 },
    });
    try {
      const requests: string[] = [];
      const blocked: string[] = [];
      await context.route('**/*', (route) => {
        const target = route.request().url();
        if (target === url) return route.continue();
        blocked.push(target);
        return route.abort();
      });
      const page = await context.newPage();
      page.on('request', (r) => requests.push(r.url()));
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
      });
      await page.goto(url, { waitUntil: 'load' });

      for (const id of CHARTS) {
        const figure = page.locator(`figure[data-chart="${id}"]`);
        assert.equal(await figure.count(), 1, `chart ${id}`);
        const marks = await figure
          .locator(
            '.plot svg g[aria-label]:is([aria-label="bar"],[aria-label="cell"],[aria-label="link"],[aria-label="rect"],[aria-label="dot"]) :is(rect,path,circle)',
          )
          .count();
        assert.ok(marks > 0, `chart ${id} has no marks`);
        const box = await figure.locator('.plot > svg, .plot > figure > svg').last().boundingBox();
        assert.ok(box && box.width > 100 && box.height > 100, `chart ${id} is drawn at a readable size`);
        assert.equal(
          (await figure.locator('details table tbody tr').count()) > 0,
          true,
          `chart ${id} has its table`,
        );
      }

      // Sorting: ascending, then descending, by the agents' "received" column.
      const table = page.locator('#agents-table');
      const received = async () =>
        (await table
          .locator('tbody tr td:nth-child(3)')
          .evaluateAll((cells) =>
            cells.map((c) => Number((c as unknown as { dataset: { sort: string } }).dataset.sort)),
          )) as number[];
      const before = await received();
      assert.ok(before.length > 2);
      const header = table.locator('thead th').nth(2);
      await header.locator('button').click();
      assert.equal(await header.getAttribute('aria-sort'), 'ascending');
      assert.deepEqual(
        await received(),
        [...before].sort((a, b) => a - b),
      );
      await header.locator('button').click();
      assert.equal(await header.getAttribute('aria-sort'), 'descending');
      assert.deepEqual(
        await received(),
        [...before].sort((a, b) => b - a),
      );

      await mkdir(join(ROOT, 'test', 'artifacts'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'test', 'artifacts', 'report.png'), fullPage: true });

      assert.deepEqual(blocked, [], 'requests besides the report file');
      assert.deepEqual(requests, [url], 'requests besides the report file');
      assert.deepEqual(problems, [], 'console errors');
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });
});
