// Skill mismatch: categories routed to a team that rarely resolves them itself, against the category's best team.
import { wilson } from '../../stats/intervals.js';
import { twoProportionTest } from '../../stats/proportions.js';
import type { Candidate, Detector } from '../detector.js';
import { percent } from '../segments.js';
import { routedSql, selfResolution } from '../self-resolution.js';

const MEASURE =
  'Share of the category’s conversations first routed to the team (its first human owner) that the team resolved as final owner.';

export const misroutedCategories: Detector = {
  id: 'misrouted-categories',
  pattern: 'skill-mismatch',
  portable: true,
  describe:
    'Category × first human team where the team resolves the conversations routed to it at least misroute_gap below the category’s best first team, significantly.',
  async run(ctx) {
    const min = ctx.thresholds.min_sample;
    const routed = routedSql(ctx.engine.dialect);
    const rows = (await selfResolution(ctx, routed)).filter((r) => r.received >= min);
    const out: Candidate[] = [];
    for (const category of new Set(rows.map((r) => r.category))) {
      const teams = rows.filter((r) => r.category === category);
      const best = teams.reduce((a, b) => (b.resolved / b.received > a.resolved / a.received ? b : a));
      for (const t of teams) {
        if (t === best) continue;
        const test = twoProportionTest(
          { successes: t.resolved, trials: t.received },
          { successes: best.resolved, trials: best.received },
        );
        if (!test) continue;
        const share = t.resolved / t.received;
        const bestShare = best.resolved / best.received;
        out.push({
          id: `misrouted:${category}→${t.team}`,
          pattern: 'skill-mismatch',
          detector: 'misrouted-categories',
          title: `${category} conversations routed to ${t.team} are resolved there ${percent(share)} of the time; routed to ${best.team}, ${percent(bestShare)}`,
          segment: { dimension: 'category×team', value: `${category}×${t.team}` },
          evidence: {
            metric: null,
            measure: MEASURE,
            unit: 'ratio',
            segment: { value: share, ci95: wilson(t.resolved, t.received), n: t.received },
            rest: { value: bestShare, ci95: wilson(best.resolved, best.received), n: best.received },
            test: 'two-proportion z (against the category’s best team)',
            p_value: test.pValue,
          },
          eligible: bestShare - share >= ctx.thresholds.misroute_gap,
          population: {
            segment: `SELECT r.conversation_id AS conversation_id FROM (${routed}) r JOIN conversations c ON c.conversation_id = r.conversation_id
              WHERE c.category = $pop_category AND r.team = $pop_team`,
            comparison: `SELECT r.conversation_id AS conversation_id FROM (${routed}) r JOIN conversations c ON c.conversation_id = r.conversation_id
              WHERE c.category = $pop_category AND r.team = $pop_best`,
            params: { pop_category: category, pop_team: t.team, pop_best: best.team },
            compared_with: `${category} conversations routed to ${best.team}`,
          },
          recommend: {
            strategy: 'skill-based-matching',
            metric: 'first_contact_resolution_rate',
            by: 'category',
          },
        });
      }
    }
    return out;
  },
};
