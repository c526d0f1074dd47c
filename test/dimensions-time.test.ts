// Time dimensions hour_weekday, day_type, business_hours and peak: known answers on a seeded week of arrivals.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Baton } from '../src/baton.js';
import { Random } from '../src/demo/index.js';
import { businessHoursParams, insideHoursSql, parseBusinessHours } from '../src/diagnose/business-hours.js';
import { useBusinessHours } from '../src/metrics/dimensions.js';
import { HEADER, withBaton } from './support/temp-data.js';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONDAY = Date.UTC(2026, 9, 5); // 2026-10-05 was a Monday.
const HOUR = 3600_000;

/** Arrivals per hour of the week (0 = Monday 00:00 UTC), seeded, 1 to 9 conversations in every hour. */
function arrivals(seed: number): number[] {
  const random = new Random(seed);
  return Array.from({ length: 168 }, () => 1 + Math.floor(random.next() * 9));
}

/** One conversation per arrival, started at 10 past the hour; it is handed from Support to Billing 3 minutes later. */
function weekCsv(counts: readonly number[]): string {
  const lines = [HEADER];
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');
  for (const [slot, n] of counts.entries()) {
    for (let i = 0; i < n; i++) {
      const id = `c${slot}-${i}`;
      const t = MONDAY + slot * HOUR + 10 * 60_000 + i * 1000;
      const row = (dt: number, rest: string) => lines.push(`${id},${iso(t + dt * 60_000)},${rest}`);
      row(0, 'message,customer,,,,chat,hello,,,,,,,');
      row(1, 'assign,,ann,Support,1,chat,,,,,,,,');
      row(2, 'message,agent,ann,Support,1,chat,hi,,,,,,,');
      row(3, 'assign,,bob,Billing,1,chat,,,,,,,,');
      row(5, 'message,agent,bob,Billing,1,chat,done,,,,,,,');
      row(6, 'resolve,,bob,Billing,1,chat,,,,,,,,');
    }
  }
  return `${lines.join('\n')}\n`;
}

const counts = arrivals(11);
const total = counts.reduce((a, b) => a + b, 0);
const label = (slot: number) => `${DAYS[Math.floor(slot / 24)]} ${String(slot % 24).padStart(2, '0')}`;

async function countBy(baton: Baton, metric: string, dim: string): Promise<Map<string, number>> {
  const result = await baton.query({ metrics: [metric], by: [dim] });
  return new Map(result.rows.map((r) => [String(r.dimensions[dim]), r.values[metric]?.value ?? 0]));
}

test('hour_weekday and day_type count each hour of the week at every grain', async () => {
  await withBaton(weekCsv(counts), async (baton) => {
    for (const metric of ['conversations', 'handoffs']) {
      const grid = await countBy(baton, metric, 'hour_weekday');
      assert.equal(grid.size, 168);
      for (const [slot, n] of counts.entries())
        assert.equal(grid.get(label(slot)), n, `${metric} at ${label(slot)}`);
      const result = await baton.query({ metrics: [metric], by: ['hour_weekday'] });
      assert.equal(result.rows[0]?.dimensions.hour_weekday, 'Mon 00', 'natural order, not text order');
      assert.equal(result.rows[167]?.dimensions.hour_weekday, 'Sun 23');
      const weekend = counts.slice(120).reduce((a, b) => a + b, 0);
      assert.deepEqual(Object.fromEntries(await countBy(baton, metric, 'day_type')), {
        weekday: total - weekend,
        weekend,
      });
    }
    const events = await countBy(baton, 'events', 'day_type');
    assert.equal(events.get('weekend'), 6 * counts.slice(120).reduce((a, b) => a + b, 0));
  });
});

test('business_hours follows diagnose: default Mon-Fri 08:00-18:00, --business-hours and --tz', async () => {
  await withBaton(weekCsv(counts), async (baton) => {
    const inside = (slot: number) => slot < 120 && slot % 24 >= 8 && slot % 24 < 18;
    const expectedIn = counts.reduce((sum, n, slot) => sum + (inside(slot) ? n : 0), 0);
    const byHours = await countBy(baton, 'handoffs', 'business_hours');
    assert.deepEqual(Object.fromEntries(byHours), { in: expectedIn, out: total - expectedIn });
    // The same answer as the SQL the out-of-hours detector runs, for hours given as an option.
    const hours = parseBusinessHours('Tue,Sat-Sun 09:30-12:00');
    await useBusinessHours(baton.engine, hours);
    const dimension = await countBy(baton, 'handoffs', 'business_hours');
    const detector = await baton.engine.one<{ n: number }>(
      `SELECT count(*) AS n FROM handoffs WHERE ${insideHoursSql('handoff_at')}`,
      { ...businessHoursParams(hours), tz: 'UTC' },
    );
    const custom = counts.reduce(
      (sum, n, slot) =>
        sum + ([1, 5, 6].includes(Math.floor(slot / 24)) && [10, 11].includes(slot % 24) ? n : 0),
      0,
    );
    assert.equal(detector.n, custom);
    assert.equal(dimension.get('in'), custom);
    // Where the work runs matters: in New York (UTC-4 in October) Monday 12:10 UTC is 08:10, inside hours.
    await useBusinessHours(baton.engine, parseBusinessHours('Mon-Fri 08:00-18:00'));
    const ny = await baton.query({
      metrics: ['conversations'],
      where: { business_hours: 'in' },
      tz: 'America/New_York',
    });
    const nyInside = (slot: number) => {
      const local = slot - 4;
      return local >= 0 && local < 120 && local % 24 >= 8 && local % 24 < 18;
    };
    assert.equal(
      ny.rows[0]?.values.conversations?.value,
      counts.reduce((sum, n, slot) => sum + (nyInside(slot) ? n : 0), 0),
    );
  });
});

test('peak is the busiest quarter of the 168 hours of the week, ties at the cut included', async () => {
  await withBaton(weekCsv(counts), async (baton) => {
    const cut = [...counts].sort((a, b) => b - a)[41]!;
    const peakSlots = counts.flatMap((n, slot) => (n >= cut ? [slot] : []));
    assert.ok(peakSlots.length > 42, 'this seed has ties at the cut, so the rule about ties is tested');
    const peak = peakSlots.reduce((sum, slot) => sum + counts[slot]!, 0);
    for (const metric of ['conversations', 'handoffs']) {
      assert.deepEqual(Object.fromEntries(await countBy(baton, metric, 'peak')), {
        peak,
        'off-peak': total - peak,
      });
    }
    // A filter does not move the peak hours: they are read from all conversations.
    const weekendPeak = peakSlots.filter((s) => s >= 120).reduce((sum, slot) => sum + counts[slot]!, 0);
    const filtered = await baton.query({
      metrics: ['conversations'],
      by: ['peak'],
      where: { day_type: 'weekend' },
    });
    assert.equal(
      filtered.rows.find((r) => r.dimensions.peak === 'peak')?.values.conversations?.value ?? 0,
      weekendPeak,
    );
  });
});
