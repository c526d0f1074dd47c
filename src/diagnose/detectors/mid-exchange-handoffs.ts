// Unclear triggers: handoffs made in the middle of an exchange, with the customer's latest message left unanswered.
import type { Candidate, Detector, DetectorContext } from '../detector.js';
import { catalogMetric, compareRates, rateEvidence } from '../segment-tests.js';
import { percent } from '../segments.js';
import { factConversations, factCounts } from './handoff-facts.js';

const TABLE = 'diagnose_mid_exchange';

const MEASURE =
  'Share of a team’s explicit, human handoffs (made after an agent had replied) where the last message before the handoff was the customer’s, sent within mid_exchange_minutes and not answered: the agent handed over mid-conversation.';

/** Explicit handoffs between humans made after an agent had replied: premature-handoffs covers the others. */
const SCOPE = "NOT h.implicit AND h.kind <> 'bot_to_human' AND f.agent_replied";

/**
 * Per handoff: had an agent replied, and was the last message before it the customer's, within the minutes. The
 * last message is the first in a descending window, which every engine spells the same way.
 */
async function buildMidExchangeFacts(ctx: DetectorContext): Promise<void> {
  const d = ctx.engine.dialect;
  const select = `WITH h AS (
      SELECT conversation_id, handoff_no, handoff_at FROM handoffs
      WHERE NOT implicit AND kind <> 'bot_to_human'),
    m AS (
      SELECT h.conversation_id AS conversation_id, h.handoff_no AS handoff_no, h.handoff_at AS handoff_at,
        m.actor AS actor, m.ts AS ts,
        row_number() OVER (PARTITION BY h.conversation_id, h.handoff_no ORDER BY m.ts DESC, m.seq DESC) AS back
      FROM h JOIN events m ON m.conversation_id = h.conversation_id
      WHERE m.event_type = 'message' AND m.actor IN ('customer', 'agent', 'bot') AND m.ts < h.handoff_at),
    before AS (
      SELECT conversation_id, handoff_no, min(handoff_at) AS handoff_at, ${d.boolOr("actor = 'agent'")} AS agent_replied,
        max(CASE WHEN back = 1 THEN actor END) AS last_actor, max(ts) AS last_ts
      FROM m GROUP BY conversation_id, handoff_no)
    SELECT conversation_id AS fact_conversation, handoff_no AS fact_handoff, agent_replied,
      agent_replied AND last_actor = 'customer'
        AND ${d.secondsBetween('last_ts', 'handoff_at')} <= CAST($minutes AS ${d.doubleType}) * 60 AS mid_exchange
    FROM before`;
  for (const sql of d.createTable(TABLE, select, { temp: true }))
    await ctx.engine.run(sql, { minutes: ctx.thresholds.mid_exchange_minutes });
}

export const midExchangeHandoffs: Detector = {
  id: 'mid-exchange-handoffs',
  pattern: 'unclear-trigger',
  portable: true,
  describe:
    'From teams that hand over in the middle of an exchange (the customer’s last message, at most mid_exchange_minutes old, unanswered) significantly more often than other teams; and the success rate of mid-exchange handoffs against the other handoffs made after a reply.',
  async run(ctx) {
    await buildMidExchangeFacts(ctx);
    const out: Candidate[] = [];
    const minutes = ctx.thresholds.mid_exchange_minutes;
    const byTeam = await factCounts(ctx, TABLE, 'h.from_team', 'f.mid_exchange', SCOPE);
    for (const t of compareRates(ctx, byTeam, 'higher')) {
      out.push({
        id: `mid-exchange:${t.group}`,
        pattern: 'unclear-trigger',
        detector: 'mid-exchange-handoffs',
        title: `${t.group} hands ${percent(t.segment.value)} of its conversations on while the customer’s last message waits for an answer (other teams ${percent(t.rest.value)})`,
        segment: { dimension: 'from_team', value: t.group },
        evidence: rateEvidence(null, MEASURE, t),
        eligible: t.eligible,
        population: {
          segment: factConversations(TABLE, 'h.from_team = $pop_value AND f.mid_exchange'),
          comparison: factConversations(TABLE, `${SCOPE} AND NOT f.mid_exchange`),
          params: { pop_value: t.group },
          compared_with: 'conversations handed on between exchanges, with the customer answered',
        },
        recommend: { strategy: 'warm-transfer', metric: 'handoff_success_rate', by: 'from_team' },
      });
    }
    // Whether it matters: success of mid-exchange handoffs against the other handoffs made after a reply.
    const success = catalogMetric('handoff_success_rate') as ReturnType<typeof catalogMetric> & {
      numerator: string;
    };
    const side = "CASE WHEN f.mid_exchange THEN 'mid-exchange' ELSE 'between-exchanges' END";
    const sides = await factCounts(ctx, TABLE, side, `(${success.numerator})`, SCOPE);
    for (const t of compareRates(ctx, sides, 'lower', (g) => g === 'mid-exchange')) {
      out.push({
        id: 'mid-exchange:success',
        pattern: 'unclear-trigger',
        detector: 'mid-exchange-handoffs',
        title: `Handoffs made with the customer’s last message (under ${minutes} min old) unanswered succeed ${percent(t.segment.value)} of the time, others ${percent(t.rest.value)}`,
        segment: { dimension: 'exchange', value: 'mid-exchange' },
        evidence: rateEvidence(success.id, success.title, t),
        eligible: t.eligible,
        population: {
          segment: factConversations(TABLE, 'f.mid_exchange'),
          comparison: factConversations(TABLE, `${SCOPE} AND NOT f.mid_exchange`),
          params: {},
          compared_with: 'conversations handed on between exchanges, with the customer answered',
        },
        recommend: { strategy: 'warm-transfer', metric: success.id, by: 'from_team' },
      });
    }
    return out;
  },
};
