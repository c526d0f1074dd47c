// Skill mismatch: where conversations start that pass through three or more owners, more often than elsewhere.
import type { Candidate, Detector } from '../detector.js';
import { rateEvidence, rateVersusRest } from '../segment-tests.js';
import { conversationsWhere, diagnosticRate, dimensionSql, percent } from '../segments.js';

const BOUNCED = diagnosticRate(
  'bounced_share',
  'Share bouncing across 3+ owners',
  'Share of conversations with two or more handoffs, so three or more owners in turn.',
  'conversation',
  'handoff_count >= 2',
  'down',
);

export const bouncingConversations: Detector = {
  id: 'bouncing-conversations',
  pattern: 'skill-mismatch',
  portable: true,
  describe:
    'Start teams whose conversations pass through 3+ owners (2+ handoffs) significantly more often than those starting elsewhere.',
  async run(ctx) {
    const start = dimensionSql('start_team', 'conversation', ctx.engine.dialect);
    const tests = await rateVersusRest(ctx, BOUNCED, start, 'higher');
    return tests.map(
      (t): Candidate => ({
        id: `bouncing:${t.group}`,
        pattern: 'skill-mismatch',
        detector: 'bouncing-conversations',
        title: `${percent(t.segment.value)} of conversations that start at ${t.group} pass through 3+ owners (rest ${percent(t.rest.value)})`,
        segment: { dimension: 'start_team', value: t.group },
        evidence: rateEvidence(null, BOUNCED.definition, t),
        eligible: t.eligible,
        population: {
          segment: conversationsWhere(`${start} = $pop_value AND handoff_count >= 2`),
          comparison: conversationsWhere('handoff_count = 1'),
          params: { pop_value: t.group },
          compared_with: 'conversations handed off exactly once',
        },
        recommend: {
          strategy: 'skill-based-matching',
          metric: 'handoffs_per_conversation',
          by: 'start_team',
        },
      }),
    );
  },
};
