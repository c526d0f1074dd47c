// A time-of-day window of handoffs (out of hours, the end of a shift) against the rest: do they wait longer?
import type { SqlParams } from '../../engine/engine.js';
import type { Candidate, DetectorContext } from '../detector.js';
import type { StrategyId } from '../recommendations.js';
import {
  catalogMetric,
  type DistributionComparison,
  distributionVersusRest,
  logSecondsBin,
  slowerBy,
  timeEvidence,
} from '../segment-tests.js';
import { handoffPopulation } from '../segments.js';

export interface ClockWindow {
  detector: string;
  /** SQL labelling each handoff: `group` for the window, anything else for the rest, NULL to leave it out. */
  when: string;
  group: string;
  params: SqlParams;
  title: (t: DistributionComparison) => string;
  comparedWith: string;
  strategy: StrategyId;
}

/** Median handoff time in the window against the rest (Mann-Whitney), as a finding on the business_hours slice. */
export async function clockWindowTest(ctx: DetectorContext, w: ClockWindow): Promise<Candidate[]> {
  const metric = catalogMetric('handoff_time_median_s') as ReturnType<typeof catalogMetric> & {
    value: string;
  };
  const tests = await distributionVersusRest(
    ctx,
    metric,
    w.when,
    logSecondsBin,
    slowerBy(ctx),
    w.params,
    (g) => g === w.group,
  );
  return tests.map(
    (t): Candidate => ({
      id: `${w.group}:handoff-time`,
      pattern: 'poor-timing',
      detector: w.detector,
      title: w.title(t),
      segment: { dimension: 'business_hours', value: w.group },
      evidence: timeEvidence(metric, t),
      eligible: t.eligible,
      population: handoffPopulation(w.when, w.group, w.comparedWith, w.params),
      recommend: { strategy: w.strategy, metric: metric.id, by: 'hour' },
    }),
  );
}
