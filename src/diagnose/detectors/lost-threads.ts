// Integration gaps: after a handoff that went nowhere, the same customer starts over in a new conversation.
import type { Candidate, Detector, DetectorContext } from '../detector.js';
import { compareRates, rateEvidence } from '../segment-tests.js';
import { dimensionSql, percent } from '../segments.js';
import { factConversations, factCounts } from './handoff-facts.js';

const TABLE = 'diagnose_lost_threads';

const measure = (hours: number) =>
  `Share of handoffs (in conversations with a customer_id) that were never completed or whose conversation ended unresolved, after which the same customer started a new conversation within ${hours} hours.`;

/** One row per handoff in a conversation with a customer id: did it fail, and did the customer come back soon. */
async function buildLostThreads(ctx: DetectorContext): Promise<void> {
  // DuckDB's ASOF join finds the next start in n log n; the portable form's join is quadratic in one customer's
  // conversations, harmless on warehouses built for it but not for a laptop holding a shared 'unknown' customer.
  if (ctx.engine.dialect.name !== 'duckdb') return buildPortable(ctx);
  await ctx.engine.run(
    `CREATE OR REPLACE TEMP TABLE ${TABLE} AS
    WITH h AS (
      SELECT h.conversation_id, h.handoff_no, h.handoff_at, NOT h.completed OR NOT c.resolved AS failed, c.customer_id
      FROM handoffs h JOIN conversations c USING (conversation_id) WHERE c.customer_id IS NOT NULL),
    starts AS (SELECT customer_id, started_at FROM conversations WHERE customer_id IS NOT NULL)
    -- The customer's first conversation started after the handoff (so never the handoff's own).
    SELECT h.conversation_id AS fact_conversation, h.handoff_no AS fact_handoff, h.failed,
      h.failed AND s.started_at IS NOT NULL
        AND date_diff('second', h.handoff_at, s.started_at) <= $hours * 3600 AS lost
    FROM h ASOF LEFT JOIN starts s ON s.customer_id = h.customer_id AND s.started_at > h.handoff_at`,
    { hours: ctx.thresholds.lost_thread_hours },
  );
}

/**
 * The same facts through the dialect: the first start after each handoff is the least of the customer's later
 * starts (an ASOF join is DuckDB's own), joined back so handoffs without one stay.
 */
async function buildPortable(ctx: DetectorContext): Promise<void> {
  const d = ctx.engine.dialect;
  const select = `WITH h AS (
      SELECT h.conversation_id AS conversation_id, h.handoff_no AS handoff_no, h.handoff_at AS handoff_at,
        NOT h.completed OR NOT c.resolved AS failed, c.customer_id AS customer_id
      FROM handoffs h JOIN conversations c ON c.conversation_id = h.conversation_id WHERE c.customer_id IS NOT NULL),
    starts AS (SELECT customer_id, started_at FROM conversations WHERE customer_id IS NOT NULL),
    nxt AS (
      SELECT h.conversation_id AS conversation_id, h.handoff_no AS handoff_no, min(s.started_at) AS next_start
      FROM h JOIN starts s ON s.customer_id = h.customer_id WHERE s.started_at > h.handoff_at
      GROUP BY h.conversation_id, h.handoff_no)
    SELECT h.conversation_id AS fact_conversation, h.handoff_no AS fact_handoff, h.failed AS failed,
      h.failed AND n.next_start IS NOT NULL
        AND ${d.secondsBetween('h.handoff_at', 'n.next_start')} <= CAST($hours AS ${d.doubleType}) * 3600 AS lost
    FROM h LEFT JOIN nxt n ON n.conversation_id = h.conversation_id AND n.handoff_no = h.handoff_no`;
  for (const sql of d.createTable(TABLE, select, { temp: true }))
    await ctx.engine.run(sql, { hours: ctx.thresholds.lost_thread_hours });
}

export const lostThreads: Detector = {
  id: 'lost-threads',
  pattern: 'integration-gap',
  portable: true,
  describe:
    'Channel pairs and team pairs whose failed handoffs (never completed, or the conversation ended unresolved) are followed by the same customer opening a new conversation within lost_thread_hours significantly more often than the rest; conversations without customer_id are not assessed.',
  async run(ctx) {
    const missing = await ctx.engine.one<{ without: number; total: number }>(
      `SELECT ${ctx.engine.dialect.countIf('customer_id IS NULL')} AS without, count(*) AS total
       FROM conversations WHERE handoff_count > 0`,
    );
    if (missing.without > 0)
      ctx.note?.(
        `${missing.without} of ${missing.total} handed-off conversations have no customer_id: not assessable for lost threads.`,
      );
    if (missing.without === missing.total) return [];
    await buildLostThreads(ctx);
    const hours = ctx.thresholds.lost_thread_hours;
    const out: Candidate[] = [];
    for (const dimension of ['channel_pair', 'team_pair']) {
      const sql = dimensionSql(dimension, 'handoff', ctx.engine.dialect);
      const counts = await factCounts(ctx, TABLE, sql, 'f.lost', 'true');
      for (const t of compareRates(ctx, counts, 'higher')) {
        out.push({
          id: `lost-thread:${t.group}`,
          pattern: 'integration-gap',
          detector: 'lost-threads',
          title: `After ${percent(t.segment.value)} of handoffs ${t.group} the thread is lost and the customer starts again within ${hours} h (rest ${percent(t.rest.value)})`,
          segment: { dimension, value: t.group },
          evidence: rateEvidence(null, measure(hours), t),
          eligible: t.eligible,
          population: {
            segment: factConversations(TABLE, `CAST((${sql}) AS VARCHAR) = $pop_value AND f.lost`),
            comparison: factConversations(TABLE, 'NOT f.lost'),
            params: { pop_value: t.group },
            compared_with: 'conversations with a customer_id whose handoffs did not lose the thread',
          },
          recommend: {
            strategy: 'cross-team-visibility',
            metric: 'abandonment_after_handoff_rate',
            by: dimension,
          },
        });
      }
    }
    return out;
  },
};
