// Incomplete context: the new owner opens with "let me review your case", and the substance comes late.
import { columnsOf } from '../../engine/dialect.js';
import type { Candidate, Detector, DetectorContext } from '../detector.js';
import { compareRates, distributionVersusRest, logSecondsBin, slowerBy } from '../segment-tests.js';
import { duration, percent } from '../segments.js';
import { diagnosticMedian, factConversations, factCounts, factSql } from './handoff-facts.js';

const TABLE = 'diagnose_review_delays';
const SHADOW_SOURCE = 'diagnose_review_handoffs';

/**
 * The receiving agent says they first have to read up: "let me review / read through / go over / catch up on
 * your case / the history", "give me a moment to read", "I am reading your ticket". It needs both the reading
 * verb and what is read, so "let me check with the team" or "give me a moment" alone do not count.
 */
export const REVIEW_PHRASES = [
  "(let me|let's|i('ll| will| need to| have to| must)|i am going to|i'm going to|allow me to|bear with me while i|give me (a|one) (moment|minute|min|second|sec|few minutes)( or two)?( to| while i)?)( quickly| just| first)? (review|read|look over|look through|go over|go through|catch up( on)?|get up to speed( on)?|familiari[sz]e myself with)\\b[^.?!]{0,40}\\b(case|history|ticket|conversation|notes|thread|file|messages|chat|transcript|what happened)",
  '(give|allow) me (a|one) (moment|minute|min|second|sec)( or two)? to read',
  "(i am|i'm) (reading|reviewing|going through|catching up on) (your|the) (case|history|ticket|conversation|notes|thread|messages|transcript|file)",
].join('|');

const MEASURE_SHARE =
  'Share of handoffs whose new owner’s first message says they are reading up on the case ("let me review your case", "give me a minute to read through the history") before answering.';
const GAP_DEFINITION =
  'Median seconds from the new owner’s first message after a handoff to their next message, for handoffs where that first message is a review message.';

/** One row per handoff the new owner wrote after: is the first message a review message, and the gap to the next. */
async function buildReviewFacts(ctx: DetectorContext): Promise<void> {
  const d = ctx.engine.dialect;
  const select = `WITH h AS (
      SELECT conversation_id, handoff_no, handoff_at, from_agent,
        ${d.lead('handoff_at', '(PARTITION BY conversation_id ORDER BY handoff_no)')} AS next_at
      FROM handoffs),
    own AS (
      SELECT h.conversation_id AS conversation_id, h.handoff_no AS handoff_no, m.ts AS ts, lower(m.text) AS t,
        row_number() OVER (PARTITION BY h.conversation_id, h.handoff_no ORDER BY m.ts, m.seq) AS nth
      FROM h JOIN events m ON m.conversation_id = h.conversation_id
      WHERE m.event_type = 'message' AND m.actor = 'agent' AND m.ts >= h.handoff_at
        AND (h.next_at IS NULL OR m.ts < h.next_at)
        AND coalesce(m.agent_id <> h.from_agent, (m.agent_id IS NULL) <> (h.from_agent IS NULL)))
    SELECT conversation_id AS fact_conversation, handoff_no AS fact_handoff,
      coalesce(${d.boolOr(`nth = 1 AND ${d.regexMatch("coalesce(t, '')", '$review')}`)}, false) AS review,
      ${d.secondsBetween('min(CASE WHEN nth = 1 THEN ts END)', 'min(CASE WHEN nth = 2 THEN ts END)')} AS gap_s
    FROM own WHERE nth <= 2 GROUP BY conversation_id, handoff_no`;
  for (const sql of d.createTable(TABLE, select, { temp: true }))
    await ctx.engine.run(sql, { review: REVIEW_PHRASES });
}

/**
 * The facts as SQL the catalog's compiled metric (which reads handoffs) can use, for the time of `work`: a
 * correlated lookup, or on ClickHouse, which cannot evaluate those, columns of a temporary handoffs table that
 * shadows the stored one (its own temporary tables come first) and is dropped afterwards.
 */
async function withFactColumns(
  ctx: DetectorContext,
  work: (facts: { review: string; gap: string }) => Promise<void>,
): Promise<void> {
  const d = ctx.engine.dialect;
  if (d.name !== 'clickhouse')
    return work({ review: factSql(TABLE, 'review'), gap: factSql(TABLE, 'gap_s') });
  const columns = await ctx.engine.columns('handoffs');
  // Inside a segment's scope `handoffs` is already a temporary copy: it is put back as it was afterwards.
  const scoped =
    (await ctx.engine.all("SELECT 1 AS found FROM system.tables WHERE is_temporary AND name = 'handoffs'"))
      .length > 0;
  const joined = `SELECT ${columnsOf('h', columns)}, f.review AS diag_review, f.gap_s AS diag_gap_s
    FROM handoffs h LEFT JOIN ${TABLE} f ON f.fact_conversation = h.conversation_id AND f.fact_handoff = h.handoff_no`;
  // In two steps: a temporary table's own name already means itself in the query that creates it.
  for (const sql of d.createTable(SHADOW_SOURCE, joined, { temp: true })) await ctx.engine.run(sql);
  for (const sql of d.createTable('handoffs', `SELECT * FROM ${SHADOW_SOURCE}`, { temp: true }))
    await ctx.engine.run(sql);
  try {
    await work({ review: 'diag_review', gap: 'diag_gap_s' });
  } finally {
    if (scoped)
      for (const sql of d.createTable('handoffs', `SELECT ${columns.join(', ')} FROM ${SHADOW_SOURCE}`, {
        temp: true,
      }))
        await ctx.engine.run(sql);
    for (const sql of d.dropTables(scoped ? [SHADOW_SOURCE] : ['handoffs', SHADOW_SOURCE], { temp: true }))
      await ctx.engine.run(sql);
  }
}

export const reviewDelays: Detector = {
  id: 'review-delays',
  pattern: 'incomplete-context',
  portable: true,
  describe:
    'Receiving teams whose first message after a handoff is "let me review your case" significantly more often than other teams, and teams where the wait from that message to the next is at least min_time_ratio × the wait after their other first messages (Mann-Whitney).',
  async run(ctx) {
    await buildReviewFacts(ctx);
    const out: Candidate[] = [];
    const counts = await factCounts(ctx, TABLE, 'to_team', 'review', 'true');
    for (const t of compareRates(ctx, counts, 'higher')) {
      out.push({
        id: `review-first:${t.group}`,
        pattern: 'incomplete-context',
        detector: 'review-delays',
        title: `${t.group} opens ${percent(t.segment.value)} of the conversations handed to it by reading up on the case first (other teams ${percent(t.rest.value)})`,
        segment: { dimension: 'to_team', value: t.group },
        evidence: {
          metric: null,
          measure: MEASURE_SHARE,
          unit: 'ratio',
          segment: t.segment,
          rest: t.rest,
          test: 'two-proportion z',
          p_value: t.pValue,
        },
        eligible: t.eligible,
        population: {
          segment: factConversations(TABLE, 'h.to_team = $pop_value AND f.review'),
          comparison: factConversations(TABLE, 'NOT f.review'),
          params: { pop_value: t.group },
          compared_with: 'conversations whose new owners answered without reading up first',
        },
        recommend: {
          strategy: 'structured-context-transfer',
          metric: 'resolution_time_median_s',
          by: 'final_team',
        },
      });
    }
    // The delay within each team: review openings against the team's other openings, so team speed cancels out.
    await withFactColumns(ctx, async (facts) => {
      const metric = diagnosticMedian(
        'review_gap_median_s',
        'Median wait after a review message',
        GAP_DEFINITION,
        facts.gap,
      );
      const min = ctx.thresholds.min_sample;
      for (const [team, c] of counts) {
        if (c.k < min || c.n - c.k < min) continue;
        const group = `CASE WHEN to_team = $diag_team THEN (CASE WHEN ${facts.review} THEN 'review' ELSE 'other' END) END`;
        const tests = await distributionVersusRest(
          ctx,
          metric,
          group,
          logSecondsBin,
          slowerBy(ctx),
          { diag_team: team },
          (g) => g === 'review',
        );
        for (const t of tests) {
          out.push({
            id: `review-delay:${team}`,
            pattern: 'incomplete-context',
            detector: 'review-delays',
            title: `After "let me review your case", ${team} takes ${duration(t.segment.value)} (median) to write again, against ${duration(t.rest.value)} after its other first messages`,
            segment: { dimension: 'to_team', value: team },
            evidence: {
              metric: null,
              measure: GAP_DEFINITION,
              unit: 'seconds',
              segment: t.segment,
              rest: t.rest,
              test: 'Mann-Whitney U (log-binned seconds)',
              p_value: t.pValue,
            },
            eligible: t.eligible,
            population: {
              segment: factConversations(TABLE, 'h.to_team = $pop_value AND f.review'),
              comparison: factConversations(TABLE, 'h.to_team = $pop_value AND NOT f.review'),
              params: { pop_value: team },
              compared_with: `conversations handed to ${team} whose new owner answered without reading up first`,
            },
            recommend: {
              strategy: 'structured-context-transfer',
              metric: 'resolution_time_median_s',
              by: 'final_team',
            },
          });
        }
      }
    });
    return out;
  },
};
