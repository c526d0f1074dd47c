// Skill mismatch at the agent level: receiving agents whose handoffs fail more than their team's, after shrinkage.
import type { Dialect } from '../../engine/dialect.js';
import type { Metric } from '../../metrics/types.js';
import { wilson } from '../../stats/intervals.js';
import { twoProportionTest } from '../../stats/proportions.js';
import { fitBetaPrior, type GroupCounts, posteriorRate } from '../../stats/shrinkage.js';
import type { Candidate, Detector, DetectorContext } from '../detector.js';
import type { Pattern } from '../finding.js';
import type { StrategyId } from '../recommendations.js';
import { catalogMetric, metricByGroup } from '../segment-tests.js';
import { handoffPopulation, percent } from '../segments.js';

/** Team and agent as one JSON key, so a name with any character in it cannot be split wrongly. */
const agentKey = (d: Dialect) =>
  `CASE WHEN to_agent IS NOT NULL THEN ${d.jsonPair("coalesce(to_team, '(none)')", 'to_agent')} END`;
/** Agents of one team (bound as $agent_team): the segment is one of them, the comparison the others. */
const TEAM_AGENT = "CASE WHEN coalesce(to_team, '(none)') = $agent_team THEN to_agent END";

interface Measure {
  metric: string;
  short: string;
  verb: string;
  pattern: Pattern;
  strategy: StrategyId;
}

// Success is the headline; completion (did the named agent reply at all) separates "could not solve it" from
// "never picked it up", which calls for a different fix.
const MEASURES: readonly Measure[] = [
  {
    metric: 'handoff_success_rate',
    short: 'success',
    verb: 'succeed',
    pattern: 'skill-mismatch',
    strategy: 'skill-based-matching',
  },
  {
    metric: 'transfer_completion_rate',
    short: 'completion',
    verb: 'are picked up',
    pattern: 'poor-timing',
    strategy: 'cross-team-visibility',
  },
];

export const agentOutliers: Detector = {
  id: 'agent-outliers',
  pattern: 'skill-mismatch',
  portable: true,
  describe:
    'Receiving agents (to_agent) whose handoff success or transfer completion rate, shrunk towards their team (a Beta prior fitted to the team’s agents), has its 95% credible interval wholly below the team’s rate by at least min_rate_difference; tested against the rest of the team, only agents with agent_min_handoffs handoffs or more. Agents above their team are not findings.',
  async run(ctx) {
    const candidates: Candidate[] = [];
    for (const [i, measure] of MEASURES.entries()) {
      const found = await assess(ctx, measure, catalogMetric(measure.metric));
      candidates.push(...found.candidates);
      // Both measures count the same handoffs, so the agents left out are said once.
      if (i === 0) {
        const min = ctx.thresholds.agent_min_handoffs;
        const agents = (n: number) => `${n} agent${n === 1 ? '' : 's'}`;
        ctx.note?.(
          `${agents(found.small)} with fewer than ${min} handoffs not assessed` +
            (found.alone
              ? `; ${agents(found.alone)} without ${ctx.thresholds.min_sample} handoffs to the rest of their team to compare with`
              : ''),
        );
      }
    }
    return candidates;
  },
};

async function assess(
  ctx: DetectorContext,
  measure: Measure,
  metric: Metric,
): Promise<{ candidates: Candidate[]; small: number; alone: number }> {
  const t = ctx.thresholds;
  const teams = new Map<string, GroupCounts[]>();
  for (const [key, v] of await metricByGroup(ctx, metric, agentKey(ctx.engine.dialect))) {
    const [team, agent] = JSON.parse(key) as [string, string];
    const agents = teams.get(team) ?? [];
    agents.push({ id: agent, successes: v.numerator ?? 0, trials: v.denominator ?? 0 });
    teams.set(team, agents);
  }
  const candidates: Candidate[] = [];
  let small = 0;
  let alone = 0;
  for (const [team, agents] of teams) {
    // Every agent of the team informs its prior, the small ones included: they are only never named.
    const prior = fitBetaPrior(agents);
    if (!prior) continue;
    let K = 0;
    let N = 0;
    for (const a of agents) {
      K += a.successes;
      N += a.trials;
    }
    const teamRate = K / N;
    for (const a of agents) {
      if (a.trials < t.agent_min_handoffs) {
        small++;
        continue;
      }
      const rest = { successes: K - a.successes, trials: N - a.trials };
      if (rest.trials < t.min_sample) {
        alone++;
        continue;
      }
      const test = twoProportionTest(a, rest);
      if (!test) continue;
      const post = posteriorRate(a.successes, a.trials, prior);
      const raw = a.successes / a.trials;
      candidates.push({
        id: `agent-outlier:${measure.short}:${team}/${a.id}`,
        pattern: measure.pattern,
        detector: 'agent-outliers',
        title: `Handoffs to ${a.id} (${team}) ${measure.verb} ${percent(raw)} of the time, ${percent(post.mean)} shrunk towards the team (team ${percent(teamRate)})`,
        segment: { dimension: 'to_agent', value: a.id },
        evidence: {
          metric: metric.id,
          measure: `${metric.title}, shrunk towards the team (posterior mean and 95% credible interval)`,
          unit: 'ratio',
          segment: { value: post.mean, ci95: post.ci95, n: a.trials },
          rest: {
            value: rest.successes / rest.trials,
            ci95: wilson(rest.successes, rest.trials),
            n: rest.trials,
          },
          test: 'two-proportion z against the rest of the team',
          p_value: test.pValue,
        },
        eligible: post.ci95[1] < teamRate && teamRate - post.mean >= t.min_rate_difference,
        population: handoffPopulation(TEAM_AGENT, a.id, `conversations handed to other agents of ${team}`, {
          agent_team: team,
        }),
        recommend: { strategy: measure.strategy, metric: metric.id, by: 'to_agent' },
      });
    }
  }
  return { candidates, small, alone };
}
