// Integration gaps: channel pairs and team pairs where the new owner takes much longer to pick a handoff up.
import type { Candidate, Detector } from '../detector.js';
import {
  catalogMetric,
  distributionVersusRest,
  logSecondsBin,
  slowerBy,
  timeEvidence,
} from '../segment-tests.js';
import { dimensionSql, duration, handoffPopulation } from '../segments.js';

export const slowHandoffPairs: Detector = {
  id: 'slow-handoff-pairs',
  pattern: 'integration-gap',
  portable: true,
  describe:
    'Channel pairs and team pairs whose median handoff time is at least min_time_ratio × the rest, significantly (grouped Mann-Whitney on log-binned seconds).',
  async run(ctx) {
    const metric = catalogMetric('handoff_time_median_s') as ReturnType<typeof catalogMetric> & {
      value: string;
    };
    const out: Candidate[] = [];
    for (const dimension of ['channel_pair', 'team_pair']) {
      const sql = dimensionSql(dimension, 'handoff', ctx.engine.dialect);
      const tests = await distributionVersusRest(ctx, metric, sql, logSecondsBin, slowerBy(ctx));
      for (const t of tests) {
        out.push({
          id: `slow-handoff:${t.group}`,
          pattern: 'integration-gap',
          detector: 'slow-handoff-pairs',
          title: `Handoffs ${t.group} wait ${duration(t.segment.value)} (median) for the new owner (rest ${duration(t.rest.value)})`,
          segment: { dimension, value: t.group },
          evidence: timeEvidence(metric, t),
          eligible: t.eligible,
          population: handoffPopulation(sql, t.group, `conversations with handoffs on other ${dimension}s`),
          recommend: { strategy: 'cross-team-visibility', metric: metric.id, by: dimension },
        });
      }
    }
    return out;
  },
};
