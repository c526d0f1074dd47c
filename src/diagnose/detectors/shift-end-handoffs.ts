// Poor timing: handoffs made just before business hours close wait longer than those made earlier in the day.
import type { Dialect } from '../../engine/dialect.js';
import { businessHoursParams, insideHoursSql, minuteOfDaySql, whole } from '../business-hours.js';
import type { Detector } from '../detector.js';
import { duration } from '../segments.js';
import { clockWindowTest } from './clock-window.js';

/** Inside business hours only: the last shift_end_minutes before closing against the rest of the day. */
const when = (d: Dialect) => `CASE WHEN ${insideHoursSql('handoff_at', d)} THEN
  (CASE WHEN ${minuteOfDaySql('handoff_at', d)} >= ${whole('$bh_end', d)} - ${whole('$shift_end', d)} THEN 'shift-end' ELSE 'earlier' END) END`;

export const shiftEndHandoffs: Detector = {
  id: 'shift-end-handoffs',
  pattern: 'poor-timing',
  portable: true,
  describe:
    'Handoffs in the last shift_end_minutes before --business-hours close against those earlier in business hours: median handoff time at least min_time_ratio × longer, significantly (Mann-Whitney).',
  run: (ctx) => {
    const minutes = ctx.thresholds.shift_end_minutes;
    return clockWindowTest(ctx, {
      detector: 'shift-end-handoffs',
      when: when(ctx.engine.dialect),
      group: 'shift-end',
      params: { ...businessHoursParams(ctx.businessHours), shift_end: minutes, tz: ctx.tz },
      title: (t) =>
        `Handoffs in the last ${minutes} minutes before closing (${ctx.businessHours.label}) wait ${duration(t.segment.value)} (median) for the new owner, earlier in the day ${duration(t.rest.value)}`,
      comparedWith: 'conversations handed off earlier in business hours',
      strategy: 'warm-transfer',
    });
  },
};
