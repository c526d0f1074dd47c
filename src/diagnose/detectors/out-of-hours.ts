// Poor timing: handoffs made outside business hours wait longer for the new owner than those made inside them.
import { businessHoursParams, insideHoursSql } from '../business-hours.js';
import type { Candidate, Detector } from '../detector.js';
import {
  catalogMetric,
  distributionVersusRest,
  logSecondsBin,
  slowerBy,
  timeEvidence,
} from '../segment-tests.js';
import { duration, handoffPopulation } from '../segments.js';

const WHEN = `CASE WHEN ${insideHoursSql('handoff_at')} THEN 'in-hours' ELSE 'out-of-hours' END`;

export const outOfHours: Detector = {
  id: 'out-of-hours',
  pattern: 'poor-timing',
  describe:
    'Handoffs outside --business-hours (in --tz) against those inside: median handoff time at least min_time_ratio × longer, significantly (Mann-Whitney).',
  async run(ctx) {
    const metric = catalogMetric('handoff_time_median_s') as ReturnType<typeof catalogMetric> & {
      value: string;
    };
    const params = { ...businessHoursParams(ctx.businessHours), tz: ctx.tz };
    const tests = await distributionVersusRest(
      ctx,
      metric,
      WHEN,
      logSecondsBin,
      slowerBy(ctx),
      params,
      (g) => g === 'out-of-hours',
    );
    return tests.map(
      (t): Candidate => ({
        id: 'out-of-hours:handoff-time',
        pattern: 'poor-timing',
        detector: 'out-of-hours',
        title: `Handoffs outside business hours (${ctx.businessHours.label}) wait ${duration(t.segment.value)} (median), inside ${duration(t.rest.value)}`,
        segment: { dimension: 'business_hours', value: 'out-of-hours' },
        evidence: timeEvidence(metric, t),
        eligible: t.eligible,
        population: handoffPopulation(
          WHEN,
          'out-of-hours',
          'conversations handed off in business hours only',
          params,
        ),
        recommend: { strategy: 'cohort-analysis', metric: metric.id, by: 'hour' },
      }),
    );
  },
};
