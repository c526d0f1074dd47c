// Skill mismatch: team pairs whose handoffs succeed (completed, then resolved) significantly less often than the rest.
import type { Candidate, Detector } from '../detector.js';
import { catalogMetric, rateEvidence, rateVersusRest } from '../segment-tests.js';
import { dimensionSql, handoffPopulation, percent } from '../segments.js';

export const lowSuccessPairs: Detector = {
  id: 'low-success-pairs',
  pattern: 'skill-mismatch',
  portable: true,
  describe: 'Team pairs (from→to) with a handoff success rate significantly below the rest of the handoffs.',
  async run(ctx) {
    const metric = catalogMetric('handoff_success_rate');
    const pair = dimensionSql('team_pair', 'handoff', ctx.engine.dialect);
    const tests = await rateVersusRest(ctx, metric, pair, 'lower');
    return tests.map(
      (t): Candidate => ({
        id: `low-success:${t.group}`,
        pattern: 'skill-mismatch',
        detector: 'low-success-pairs',
        title: `Handoffs ${t.group} succeed ${percent(t.segment.value)} of the time (rest ${percent(t.rest.value)})`,
        segment: { dimension: 'team_pair', value: t.group },
        evidence: rateEvidence(metric.id, metric.title, t),
        eligible: t.eligible,
        population: handoffPopulation(pair, t.group, 'conversations handed off between other teams'),
        recommend: { strategy: 'skill-based-matching', metric: metric.id, by: 'team_pair' },
      }),
    );
  },
};
