// The live dashboard in real Chromium: numbers equal the API's, filters and drill-down work by keyboard, no foreign requests.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { Baton } from '../src/baton.js';
import { writeDemoCsv } from '../src/demo/index.js';
import type { MetricValue } from '../src/metrics/types.js';
import { createApp } from '../src/server/app.js';
import { listen } from '../src/server/listen.js';
import { BUNDLE_DIR } from '../src/server/routes/dashboard.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumMissing, chromiumSkip } from './support/chromium.js';
import { withTempDir } from './support/temp-data.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN = 'browser-test-token';

const missing = chromiumMissing;
const skip = chromiumSkip;

interface Summary {
  metrics: Record<string, MetricValue>;
}

async function cardValues(page: Page): Promise<Record<string, string>> {
  return page
    .locator('#cards li[data-metric]')
    .evaluateAll((cards) =>
      Object.fromEntries(cards.map((c) => [c.getAttribute('data-metric'), c.getAttribute('data-value')])),
    );
}

/** Tabs forward until `selector` has the focus; fails if it is never reached (keyboard-only navigation). */
async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (
      await page
        .locator(selector)
        .evaluate((e) => e === document.activeElement)
        .catch(() => false)
    )
      return;
  }
  assert.fail(`Tab never reached ${selector}`);
}

test('dashboard in headless Chromium: API numbers, filters, drill-down, keyboard, no foreign requests', {
  skip,
  timeout: 180_000,
}, async () => {
  assert.ok(!missing, `${CHROMIUM} is missing on CI: .ci/run must apt-get install chromium`);
  assert.ok(
    existsSync(join(BUNDLE_DIR, 'dashboard.js')),
    `no bundle in ${BUNDLE_DIR}: run npm run build:dashboard`,
  );
  await withTempDir(async (dir) => {
    const events = join(dir, 'demo.csv');
    await writeDemoCsv(events, { conversations: 1500, seed: 11 });
    const baton = await Baton.open();
    await baton.import([events]);
    const { app } = createApp(baton, { token: TOKEN });
    const server = await listen(app, '127.0.0.1', 0);
    const api = async <T>(path: string): Promise<T> => {
      const r = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      assert.equal(r.status, 200, `${path}: ${await r.clone().text()}`);
      return (await r.json()) as T;
    };
    const profile = await mkdtemp(join(tmpdir(), 'baton-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: { width: 1400, height: 1000 },
    });
    try {
      const foreign: string[] = [];
      await context.route('**/*', (route) => {
        const target = route.request().url();
        if (target.startsWith(`${server.url}/`)) return route.continue();
        foreign.push(target);
        return route.abort();
      });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
      });
      await page.goto(`${server.url}/?token=${TOKEN}`, { waitUntil: 'load' });
      await page.waitForSelector('#status:text("Showing all data.")');

      // Headline numbers equal /api/summary's.
      const all = await api<Summary>('/api/summary');
      const shown = await cardValues(page);
      assert.ok(Object.keys(shown).length >= 8, 'headline cards');
      for (const [id, value] of Object.entries(shown))
        assert.equal(value, String(all.metrics[id]?.value), id);
      const handoffsText = await page.locator('#cards li[data-metric="handoffs"] .value').textContent();
      assert.equal(handoffsText, all.metrics.handoffs?.value?.toLocaleString('en-US'));
      for (const id of ['funnel', 'team-matrix', 'hour-weekday', 'handoff-time']) {
        assert.ok((await page.locator(`#${id}-chart svg rect`).count()) > 0, `chart ${id} drawn`);
      }

      // Keyboard only: Tab to the channel filter, pick the next value with the arrow key.
      await tabTo(page, '#filter-start_channel');
      await page.keyboard.press('ArrowDown');
      const channel = await page.locator('#filter-start_channel').inputValue();
      assert.notEqual(channel, '', 'the arrow key picked a channel');
      await page.waitForSelector('#status:text("Showing 1 filter.")');
      const filtered = await api<Summary>(`/api/summary?where.start_channel=${encodeURIComponent(channel)}`);
      assert.notEqual(filtered.metrics.conversations?.value, all.metrics.conversations?.value);
      const after = await cardValues(page);
      for (const [id, value] of Object.entries(after)) {
        assert.equal(value, String(filtered.metrics[id]?.value ?? null), `${id} under the filter`);
      }

      // Keyboard only: Tab into the team heatmap, move with an arrow, open the cell with Enter.
      await tabTo(page, '#team-matrix-chart rect.operable[tabindex="0"]');
      await page.keyboard.press('ArrowRight');
      const label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
      assert.match(label, /handoffs: [\d,]+\. Show the conversations\./);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#drill-list tbody tr');
      assert.equal(
        await page.evaluate(() => document.activeElement?.id),
        'drill-title',
        'focus moves to the drill-down',
      );
      // The list holds the conversations behind the cell: at least one, at most one per handoff counted in it.
      const cellHandoffs = Number(/: ([\d,]+)\./.exec(label)?.[1]?.replaceAll(',', ''));
      const listed = Number(
        /^([\d,]+) conversations/
          .exec((await page.locator('#drill > p').first().textContent()) ?? '')?.[1]
          ?.replaceAll(',', ''),
      );
      assert.ok(
        listed > 0 && listed <= cellHandoffs,
        `${listed} conversations behind ${cellHandoffs} handoffs`,
      );

      // From a conversation to its timeline, by keyboard.
      const first = page.locator('#drill-list button[data-conversation]').first();
      const id = (await first.getAttribute('data-conversation')) ?? '';
      await tabTo(page, `#drill-list button[data-conversation="${id}"]`);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#timeline li');
      const timeline = await api<{ events: unknown[] }>(`/api/conversations/${encodeURIComponent(id)}`);
      assert.equal(await page.locator('#timeline li').count(), timeline.events.length);
      assert.ok(
        (await page.locator('#timeline li.handoff').count()) > 0,
        'handoffs are marked on the timeline',
      );

      // A funnel bar, by keyboard: its list holds exactly the conversations the bar counts.
      await tabTo(page, '#funnel-chart rect.operable[tabindex="0"]');
      const barLabel = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
      assert.match(barLabel, /conversations reached: [\d,]+\. Show the conversations\./);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#drill-title:text("Conversations:")');
      await page.waitForFunction(
        (text) => document.querySelector('#drill > p')?.textContent?.startsWith(text),
        `${/: ([\d,]+)\./.exec(barLabel)?.[1]} conversations`,
      );

      // Every chart can also be read as a table.
      for (const id of ['funnel', 'team-matrix', 'hour-weekday', 'handoff-time']) {
        assert.equal(await page.locator(`#${id}-chart details table`).count(), 1, `table under ${id}`);
      }

      // The question box: typed by keyboard, answered with the API's words and value.
      const question = 'what is the handoff success rate?';
      const expected = await api<{ text: string }>(`/api/ask?q=${encodeURIComponent(question)}`);
      await tabTo(page, '#ask-input');
      await page.keyboard.type(question);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#ask-answer .ask-text');
      assert.equal(await page.locator('#ask-answer .ask-text').textContent(), expected.text);

      await mkdir(join(ROOT, 'test', 'artifacts'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'test', 'artifacts', 'dashboard.png'), fullPage: true });

      assert.deepEqual(foreign, [], 'requests to hosts other than the server');
      assert.deepEqual(problems, [], 'console errors');
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
      await server.close();
      baton.close();
    }
  });
});
