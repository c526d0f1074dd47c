// Poor timing: handoffs with no message to the customer in the minutes before, so the customer is left without word.
import type { Candidate, Detector } from '../detector.js';
import { contextConversations, contextCounts } from '../handoff-context.js';
import { catalogMetric, compareRates, rateEvidence } from '../segment-tests.js';
import { percent } from '../segments.js';

const GROUP = "CASE WHEN cold_drop THEN 'cold-drop' ELSE 'told' END";

export const coldDrops: Detector = {
  id: 'cold-drops',
  pattern: 'poor-timing',
  portable: true,
  describe:
    'Handoffs with no agent or bot message to the customer in the cold_drop_minutes before them: handoff success rate against the other explicit handoffs.',
  async run(ctx) {
    const metric = catalogMetric('handoff_success_rate') as ReturnType<typeof catalogMetric> & {
      numerator: string;
    };
    const groups = await contextCounts(ctx, GROUP, metric.numerator, 'NOT implicit');
    return compareRates(ctx, groups, 'lower', (g) => g === 'cold-drop').map(
      (t): Candidate => ({
        id: 'cold-drop:success',
        pattern: 'poor-timing',
        detector: 'cold-drops',
        title: `Handoffs made without a word to the customer in the ${ctx.thresholds.cold_drop_minutes} minutes before succeed ${percent(t.segment.value)} of the time, others ${percent(t.rest.value)}`,
        segment: { dimension: 'notice', value: 'cold-drop' },
        evidence: rateEvidence(metric.id, metric.title, t),
        eligible: t.eligible,
        population: {
          segment: contextConversations('cold_drop'),
          comparison: contextConversations('NOT implicit AND NOT cold_drop'),
          params: {},
          compared_with: 'conversations whose handoffs were announced to the customer',
        },
        recommend: { strategy: 'warm-transfer', metric: metric.id, by: 'transfer_type' },
      }),
    );
  },
};
