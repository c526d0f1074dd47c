// Per-handoff facts read from the messages around it (repeat explanations, re-asks, cold drops, handoffs before any reply).
import type { DetectorContext } from './detector.js';

export const CONTEXT_TABLE = 'diagnose_handoff_context';

/** The customer says they are repeating themselves. "again" counts only next to a verb of telling. */
export const REPEAT_PHRASES =
  '(as i (already )?(said|explained|mentioned|told)|like i (already )?(said|told|explained)|i (already|just) (told|said|explained|gave|mentioned)|already (told|explained|gave|said|mentioned|provided)|(for|this is) the (second|third|fourth|fifth) time|(three|3|two|2|several|many) times|once more|repeat(ing)? (myself|this|it)|(tell|explain|say|describe|give|send|go through)[a-z]* [^.?!]{0,20}again)';

/** An agent asking for an identifier the customer may already have given. */
export const REASK_PHRASES =
  '((could|can|would|may) (you|i) (please )?(tell|give|confirm|send|provide|share|have|get)( me| us)? (with )?(your|the) ([a-z-]+ )?(e-?mail|address|account|order|invoice|number|id|workspace|name|card)|which (account|workspace|order|email)|describe the problem from the start|start from the beginning)';

/** The customer gave an identifier: an email address, a long number, or a code like INV-20391. */
export const GAVE_DETAILS = '([a-z0-9._%+-]+@[a-z0-9.-]+|[0-9]{4,}|[a-z]{2,}-?[0-9]{3,})';

const built = new WeakMap<object, Promise<void>>();

/** Builds the per-handoff context table once per engine and run (the temp table lives with the connection). */
export function ensureHandoffContext(ctx: DetectorContext): Promise<void> {
  let job = built.get(ctx);
  if (!job) {
    job = buildHandoffContext(ctx);
    built.set(ctx, job);
  }
  return job;
}

async function buildHandoffContext(ctx: DetectorContext): Promise<void> {
  const t = ctx.thresholds;
  await ctx.engine.run(
    `CREATE OR REPLACE TEMP TABLE ${CONTEXT_TABLE} AS
    WITH h AS (
      SELECT conversation_id, handoff_no, handoff_at, implicit, kind,
        lead(handoff_at) OVER (PARTITION BY conversation_id ORDER BY handoff_no) AS next_at
      FROM handoffs),
    msg AS (
      SELECT conversation_id, ts, actor, lower(text) AS t,
        list_distinct(list_filter(regexp_split_to_array(lower(coalesce(text, '')), '[^a-z0-9@]+'), w -> length(w) >= 4)) AS words
      FROM events WHERE event_type = 'message' AND actor IN ('customer', 'agent', 'bot')),
    before AS (
      SELECT h.conversation_id, h.handoff_no,
        bool_or(m.actor IN ('agent', 'bot') AND m.ts >= h.handoff_at - to_minutes(CAST($cold_minutes AS INTEGER))) AS spoke_recently,
        bool_or(m.actor = 'agent') AS agent_replied,
        coalesce(list_distinct(flatten(list(m.words) FILTER (WHERE m.actor = 'customer'))), []) AS said,
        coalesce(bool_or(m.actor = 'customer' AND regexp_matches(m.t, $gave)), false) AS gave_details
      FROM h JOIN msg m ON m.conversation_id = h.conversation_id AND m.ts < h.handoff_at
      GROUP BY ALL),
    after AS (
      SELECT h.conversation_id, h.handoff_no,
        count(*) FILTER (WHERE m.actor = 'customer' AND m.t IS NOT NULL) AS customer_texts,
        bool_or(m.actor = 'customer' AND m.t IS NOT NULL AND (regexp_matches(m.t, $repeat)
          OR (len(m.words) >= $min_words AND len(list_intersect(m.words, coalesce(b.said, []))) >= $overlap * len(m.words)))) AS repeated,
        bool_or(m.actor = 'agent' AND m.t IS NOT NULL AND coalesce(b.gave_details, false) AND regexp_matches(m.t, $reask)) AS reasked
      FROM h JOIN msg m ON m.conversation_id = h.conversation_id AND m.ts >= h.handoff_at
        AND (h.next_at IS NULL OR m.ts < h.next_at)
      LEFT JOIN before b ON b.conversation_id = h.conversation_id AND b.handoff_no = h.handoff_no
      GROUP BY ALL)
    SELECT h.conversation_id, h.handoff_no,
      NOT h.implicit AND NOT coalesce(b.spoke_recently, false) AS cold_drop,
      NOT h.implicit AND h.kind <> 'bot_to_human' AND NOT coalesce(b.agent_replied, false) AS before_first_reply,
      coalesce(a.customer_texts, 0) AS customer_texts,
      coalesce(a.repeated, false) AS customer_repeated,
      coalesce(a.reasked, false) AS agent_reasked,
      coalesce(a.repeated, false) OR coalesce(a.reasked, false) AS repeat_explanation
    FROM h
    LEFT JOIN before b ON b.conversation_id = h.conversation_id AND b.handoff_no = h.handoff_no
    LEFT JOIN after a ON a.conversation_id = h.conversation_id AND a.handoff_no = h.handoff_no`,
    {
      cold_minutes: t.cold_drop_minutes,
      gave: GAVE_DETAILS,
      repeat: REPEAT_PHRASES,
      reask: REASK_PHRASES,
      min_words: t.repeat_min_words,
      overlap: t.repeat_overlap,
    },
  );
}

/** Counts per group over handoffs joined to their context: k rows where `hit` holds out of n where `scope` does. */
export async function contextCounts(
  ctx: DetectorContext,
  groupSql: string,
  hit: string,
  scope: string,
): Promise<Map<string, { k: number; n: number }>> {
  await ensureHandoffContext(ctx);
  const rows = await ctx.engine.all<{ g: string; k: number; n: number }>(
    `SELECT CAST((${groupSql}) AS VARCHAR) AS g, count(*) FILTER (WHERE ${hit}) AS k, count(*) AS n
     FROM handoffs JOIN ${CONTEXT_TABLE} USING (conversation_id, handoff_no)
     WHERE (${scope}) AND (${groupSql}) IS NOT NULL GROUP BY ALL`,
    { tz: ctx.tz },
  );
  return new Map(rows.map((r) => [r.g, { k: r.k, n: r.n }]));
}

/** Conversations with a handoff (joined to its context) where `condition` holds. */
export const contextConversations = (condition: string) =>
  `SELECT conversation_id FROM handoffs JOIN ${CONTEXT_TABLE} USING (conversation_id, handoff_no) WHERE ${condition}`;
