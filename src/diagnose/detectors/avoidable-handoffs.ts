// Unclear triggers: handoffs a team makes in a category it usually resolves itself.
import { wilson } from '../../stats/intervals.js';
import { twoSidedP } from '../../stats/normal.js';
import type { Candidate, Detector } from '../detector.js';
import { percent } from '../segments.js';
import { LEAVES_TEAM, RECEIVED_SQL, SIDEWAYS, selfResolution } from '../self-resolution.js';

const MEASURE =
  'Share of the category’s conversations reaching the team that the team resolved as final owner; its handoffs in the category are avoidable when this is most of them.';

export const avoidableHandoffs: Detector = {
  id: 'avoidable-handoffs',
  pattern: 'unclear-trigger',
  portable: true,
  describe:
    'Team × category with min_sample+ sideways handoffs (not returns, not escalations) where the team resolves the category itself at least avoidable_share of the time, significantly above half (one-sample z against 50%).',
  async run(ctx) {
    const min = ctx.thresholds.min_sample;
    const rows = (await selfResolution(ctx, RECEIVED_SQL)).filter(
      (r) => r.received >= min && r.handed_off >= min,
    );
    return rows.map((r): Candidate => {
      const share = r.resolved / r.received;
      // "Most of the time" is the reference: is the team's own resolution share above one half?
      const z = (r.resolved - r.received / 2) / Math.sqrt(r.received / 4);
      return {
        id: `avoidable:${r.team}×${r.category}`,
        pattern: 'unclear-trigger',
        detector: 'avoidable-handoffs',
        title: `${r.team} resolves ${percent(share)} of ${r.category} conversations itself yet handed ${r.handed_off} of them sideways to another team`,
        segment: { dimension: 'from_team×category', value: `${r.team}×${r.category}` },
        evidence: {
          metric: null,
          measure: MEASURE,
          unit: 'ratio',
          segment: { value: share, ci95: wilson(r.resolved, r.received), n: r.received },
          rest: { value: 0.5, ci95: null, n: 0 },
          test: 'one-sample z against 50%',
          p_value: z > 0 ? twoSidedP(z) : 1,
        },
        eligible: share >= ctx.thresholds.avoidable_share,
        population: {
          segment: `SELECT h.conversation_id AS conversation_id FROM handoffs h JOIN conversations c ON c.conversation_id = h.conversation_id
            WHERE h.from_team = $pop_team AND c.category = $pop_category AND ${LEAVES_TEAM}
              AND ${SIDEWAYS}`,
          comparison: `SELECT r.conversation_id AS conversation_id FROM (${RECEIVED_SQL}) r JOIN conversations c ON c.conversation_id = r.conversation_id
            WHERE r.team = $pop_team AND c.category = $pop_category AND c.final_team = $pop_team AND c.resolved`,
          params: { pop_team: r.team, pop_category: r.category },
          compared_with: `${r.category} conversations ${r.team} resolved itself`,
        },
        recommend: { strategy: 'cross-team-visibility', metric: 'handoff_rate', by: 'category' },
      };
    });
  },
};
