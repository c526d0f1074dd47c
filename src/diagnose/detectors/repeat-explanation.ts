// Incomplete context: after a handoff the customer repeats themselves, or the new agent asks for what was already given.
import type { Candidate, Detector } from '../detector.js';
import { contextConversations, contextCounts } from '../handoff-context.js';
import { compareRates, rateEvidence } from '../segment-tests.js';
import { dimensionSql, percent } from '../segments.js';

const MEASURE =
  'Share of handoffs followed (before the next one) by a customer message that says it repeats itself ("as I said", "I already gave that to your colleague", "in my first email", "for the third time" ...), gives again an identifier (order number, email, reference) it had given before, or whose first message to the new owner mostly reuses (crudely stemmed) topic words the customer wrote before the handoff; or by an agent asking for an email, account or order number the customer had already given.';

/** Handoffs after which the customer wrote something: without text there is nothing to judge. */
const SCOPE = 'customer_texts > 0';

export const repeatExplanation: Detector = {
  id: 'repeat-explanation',
  pattern: 'incomplete-context',
  portable: true,
  describe:
    'Repeat-explanation rate (customer repeats, agent re-asks) per transfer type and per team pair, against the rest of the handoffs with customer text.',
  async run(ctx) {
    const out: Candidate[] = [];
    const slices = [
      { dimension: 'transfer_type', sql: "coalesce(lower(transfer_type), '(none)')" },
      { dimension: 'team_pair', sql: dimensionSql('team_pair', 'handoff', ctx.engine.dialect) },
    ];
    for (const slice of slices) {
      const groups = await contextCounts(ctx, slice.sql, 'repeat_explanation', SCOPE);
      for (const t of compareRates(ctx, groups, 'higher')) {
        out.push({
          id: `repeat-explanation:${t.group}`,
          pattern: 'incomplete-context',
          detector: 'repeat-explanation',
          title: `After ${slice.dimension === 'transfer_type' ? `${t.group} transfers` : `handoffs ${t.group}`}, customers repeat themselves or are re-asked ${percent(t.segment.value)} of the time (rest ${percent(t.rest.value)})`,
          segment: { dimension: slice.dimension, value: t.group },
          evidence: rateEvidence(null, MEASURE, t),
          eligible: t.eligible,
          population: {
            segment: contextConversations(
              `CAST((${slice.sql}) AS VARCHAR) = $pop_value AND repeat_explanation`,
            ),
            comparison: contextConversations(`${SCOPE} AND NOT repeat_explanation`),
            params: { pop_value: t.group },
            compared_with: 'conversations whose handoffs were followed by customer text without a repeat',
          },
          recommend: { strategy: 'structured-context-transfer', metric: 'csat_avg', by: slice.dimension },
        });
      }
    }
    return out;
  },
};
