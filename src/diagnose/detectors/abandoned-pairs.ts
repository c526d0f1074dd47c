// Integration gaps: channel pairs and team pairs whose handoffs are never picked up and the customer gives up.
import type { Candidate, Detector } from '../detector.js';
import { catalogMetric, rateEvidence, rateVersusRest } from '../segment-tests.js';
import { dimensionSql, handoffPopulation, percent } from '../segments.js';

export const abandonedPairs: Detector = {
  id: 'abandoned-pairs',
  pattern: 'integration-gap',
  portable: true,
  describe:
    'Channel pairs and team pairs with significantly more handoffs never completed and followed by abandonment than the rest.',
  async run(ctx) {
    const metric = catalogMetric('abandonment_after_handoff_rate');
    const out: Candidate[] = [];
    for (const dimension of ['channel_pair', 'team_pair']) {
      const sql = dimensionSql(dimension, 'handoff', ctx.engine.dialect);
      for (const t of await rateVersusRest(ctx, metric, sql, 'higher')) {
        out.push({
          id: `abandoned-after-handoff:${t.group}`,
          pattern: 'integration-gap',
          detector: 'abandoned-pairs',
          title: `${percent(t.segment.value)} of handoffs ${t.group} are never picked up before the customer gives up (rest ${percent(t.rest.value)})`,
          segment: { dimension, value: t.group },
          evidence: rateEvidence(metric.id, metric.title, t),
          eligible: t.eligible,
          population: handoffPopulation(sql, t.group, `conversations with handoffs on other ${dimension}s`),
          recommend: { strategy: 'cross-team-visibility', metric: metric.id, by: dimension },
        });
      }
    }
    return out;
  },
};
