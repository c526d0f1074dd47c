// Unclear triggers: teams that hand conversations on before any agent has replied to the customer.
import type { Candidate, Detector } from '../detector.js';
import { contextConversations, contextCounts } from '../handoff-context.js';
import { compareRates, rateEvidence } from '../segment-tests.js';
import { percent } from '../segments.js';

const MEASURE =
  'Share of a team’s explicit, human handoffs made before any agent had replied to the customer in the conversation.';
const SCOPE = "NOT implicit AND kind <> 'bot_to_human' AND from_team IS NOT NULL";

export const prematureHandoffs: Detector = {
  id: 'premature-handoffs',
  pattern: 'unclear-trigger',
  portable: true,
  describe:
    'From teams that hand off before the first agent reply significantly more often than other teams.',
  async run(ctx) {
    const groups = await contextCounts(ctx, 'from_team', 'before_first_reply', SCOPE);
    return compareRates(ctx, groups, 'higher').map(
      (t): Candidate => ({
        id: `before-first-reply:${t.group}`,
        pattern: 'unclear-trigger',
        detector: 'premature-handoffs',
        title: `${t.group} hands ${percent(t.segment.value)} of its conversations on before anyone has replied to the customer (rest ${percent(t.rest.value)})`,
        segment: { dimension: 'from_team', value: t.group },
        evidence: rateEvidence(null, MEASURE, t),
        eligible: t.eligible,
        population: {
          segment: contextConversations('from_team = $pop_value AND before_first_reply'),
          comparison: contextConversations(`${SCOPE} AND NOT before_first_reply`),
          params: { pop_value: t.group },
          compared_with: 'conversations handed on after an agent had replied',
        },
        recommend: {
          strategy: 'cross-team-visibility',
          metric: 'first_response_time_median_s',
          by: 'start_team',
        },
      }),
    );
  },
};
