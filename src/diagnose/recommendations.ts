// The five improvement strategies as data, each with the catalog metric that shows whether it worked.
import type { Recommendation } from './finding.js';

export type StrategyId =
  | 'structured-context-transfer'
  | 'skill-based-matching'
  | 'cross-team-visibility'
  | 'warm-transfer'
  | 'cohort-analysis';

export interface Strategy {
  id: StrategyId;
  title: string;
  /** What to change, in a sentence a support lead can act on. */
  action: string;
  /** Default success metric (catalog id) and the direction it should move once the change works. */
  metric: string;
  direction: 'up' | 'down';
}

export const STRATEGIES: readonly Strategy[] = Object.freeze([
  {
    id: 'structured-context-transfer',
    title: 'Structured context transfer',
    action:
      'Give every handoff a short template (who the customer is, what they asked, what was tried, what is still open) that the receiving agent reads before replying, so nobody asks the customer again.',
    metric: 'csat_avg',
    direction: 'up',
  },
  {
    id: 'skill-based-matching',
    title: 'Skill-based matching',
    action:
      'Route by issue type and the skills that resolve it, so the conversation reaches a team that can finish it on the first transfer instead of passing through one that sends it on.',
    metric: 'handoff_success_rate',
    direction: 'up',
  },
  {
    id: 'cross-team-visibility',
    title: 'Cross-team visibility',
    action:
      'Let both sides of the transfer see the conversation’s status and history in one place (one queue view, one timeline), so a handoff is picked up promptly and nothing is lost between tools.',
    metric: 'handoff_time_median_s',
    direction: 'down',
  },
  {
    id: 'warm-transfer',
    title: 'Warm transfer',
    action:
      'Have the sending agent brief the receiving one, and tell the customer who is taking over and when, before stepping out of the conversation.',
    metric: 'handoff_success_rate',
    direction: 'up',
  },
  {
    id: 'cohort-analysis',
    title: 'Cohort analysis',
    action:
      'Staff and route by cohort (time of day, weekday, category, customer segment): cover the hours and cohorts where handoffs wait or fail, and write down when a handoff is warranted.',
    metric: 'resolution_rate',
    direction: 'up',
  },
]);

const byId = new Map(STRATEGIES.map((s) => [s.id, s]));

export function strategy(id: StrategyId): Strategy {
  const s = byId.get(id);
  if (!s) throw new Error(`Unknown strategy ${id}`);
  return s;
}

/** The recommendation for one finding: the strategy, and the catalog metric (sliced by `by`) to watch afterwards. */
export function recommend(
  id: StrategyId,
  metric: string,
  direction: 'up' | 'down',
  by?: string,
): Recommendation {
  const s = strategy(id);
  const query = `baton query --db DB --metric ${metric}${by ? ` --by ${by}` : ''}`;
  return {
    strategy: s.id,
    title: s.title,
    action: s.action,
    success_metric: {
      metric,
      direction,
      check: `${metric} should go ${direction} (${query}), and this finding should no longer appear in baton diagnose.`,
    },
  };
}
