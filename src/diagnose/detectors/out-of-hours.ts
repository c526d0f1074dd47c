// Poor timing: handoffs made outside business hours wait longer for the new owner than those made inside them.
import type { Dialect } from '../../engine/dialect.js';
import { businessHoursParams, insideHoursSql } from '../business-hours.js';
import type { Detector } from '../detector.js';
import { duration } from '../segments.js';
import { clockWindowTest } from './clock-window.js';

const when = (d: Dialect) =>
  `CASE WHEN ${insideHoursSql('handoff_at', d)} THEN 'in-hours' ELSE 'out-of-hours' END`;

export const outOfHours: Detector = {
  id: 'out-of-hours',
  pattern: 'poor-timing',
  portable: true,
  describe:
    'Handoffs outside --business-hours (in --tz) against those inside: median handoff time at least min_time_ratio × longer, significantly (Mann-Whitney).',
  run: (ctx) =>
    clockWindowTest(ctx, {
      detector: 'out-of-hours',
      when: when(ctx.engine.dialect),
      group: 'out-of-hours',
      params: { ...businessHoursParams(ctx.businessHours), tz: ctx.tz },
      title: (t) =>
        `Handoffs outside business hours (${ctx.businessHours.label}) wait ${duration(t.segment.value)} (median), inside ${duration(t.rest.value)}`,
      comparedWith: 'conversations handed off in business hours only',
      strategy: 'cohort-analysis',
    }),
};
