// Per-handoff facts read from the messages around it (repeat explanations, re-asks, cold drops, handoffs before any reply).
import type { DetectorContext } from './detector.js';
import { CONTEXT_FACTS_SQL, portableContextSelect } from './handoff-context-portable.js';
import { groupCounts } from './segments.js';

export const CONTEXT_TABLE = 'diagnose_handoff_context';

/**
 * The customer says they are repeating themselves: phrase families of telling/giving "already", "as I wrote",
 * pointing at an earlier message or a colleague, counting the times. A bare "again" does not count ("it crashed
 * again"); it needs a verb of telling next to it.
 */
export const REPEAT_PHRASES = [
  "(as|like) i('ve| have)? (already |just |previously )?(said|explained|mentioned|told|wrote|stated|asked|described|was (saying|telling))",
  'as (already )?(stated|written|mentioned|explained|said|described)',
  "i('ve| have)? (already|just) (told|said|explained|gave|given|mentioned|described|wrote|written|sent|provided)",
  'already (told|explained|gave|given|said|mentioned|provided|described|wrote|written|sent|asked)',
  "(told|said|explained|described|gave|given|wrote|written|mentioned|been through|gone through)( [a-z']+){0,6} (already|twice|earlier|before[.!,)]|before$)",
  '(told|said (it )?to|explained (it )?to|wrote to|gave (it|that|this) to) (the bot|your colleague|the other|the previous|the last|both)',
  '(as per|in|from) my (first|original|earlier|previous|last|initial) (message|email|mail|request|chat|note)',
  '(same|said|as) (as )?(above|below)|as written',
  'same (question|problem|issue|thing) (as|i)',
  '(for|this is) the (second|third|fourth|fifth|nth) time|(second|third|fourth) (person|agent|time) i',
  '(three|3|two|2|several|many) times|once more|repeat(ing)? (myself|this|it)',
  '(tell|explain|say|describe|give|send|go through)[a-z]* [^.?!]{0,20}again',
].join('|');

/** An agent asking for an identifier the customer may already have given. */
export const REASK_PHRASES =
  '((could|can|would|may) (you|i) (please )?(tell|give|confirm|send|provide|share|have|get|take)( me| us)? (with )?(your|the) ([a-z-]+ )?(e-?mail|address|account|order|invoice|number|id|workspace|name|card|reference|booking|policy)|which (account|workspace|order|email)|describe the problem from the start|start from the beginning)';

/** "I've just sent the DM": doing what the new owner asked, not telling it again. */
export const COMPLIED =
  "(sent|send|dm'?d|messaged|emailed)( you| u| it| them| over)?( a| the| an| my| our)?( private| direct)? (dm|dms|message|pm|request|email|details)\\b";

/** The customer gave an identifier: an email address, a long number, or a code like INV-20391. */
export const GAVE_DETAILS = '([a-z0-9._%+-]+@[a-z0-9.-]+|[0-9]{4,}|[a-z]{2,}-?[0-9]{3,})';

/** Words that carry no topic, left out before comparing what the customer said before and after a handoff. */
export const STOP_WORDS =
  '(the|and|but|for|not|you|your|yours|our|ours|are|was|were|been|have|has|had|this|that|these|those|with|from|they|them|their|there|then|than|what|when|which|who|how|why|can|could|would|should|will|just|all|any|some|its|into|out|about|also|very|now|yes|yeah|hello|hey|thanks|thank|please|hi|okay|got|get|one|did|does|don|dont|still|too|here|let|need|want|like|know|say|said)';

const CONTEXT_JOIN = `handoffs JOIN ${CONTEXT_TABLE} USING (conversation_id, handoff_no)`;

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
  const d = ctx.engine.dialect;
  // Two forms of one definition: DuckDB's list lambdas ran the 1M-event diagnose in 22 s and 1.0 GB against 25.7 s
  // and 2.0 GB for the row-based form the other engines need; warehouse-diagnose.test.ts checks they agree.
  if (d.name !== 'duckdb') {
    for (const sql of d.createTable(CONTEXT_TABLE, portableContextSelect(ctx), { temp: true }))
      await ctx.engine.run(sql, {
        cold_minutes: t.cold_drop_minutes,
        gave: GAVE_DETAILS,
        repeat: REPEAT_PHRASES,
        reask: REASK_PHRASES,
        stop_full: `^${STOP_WORDS}$`,
        complied: COMPLIED,
        min_words: t.repeat_min_words,
        overlap: t.repeat_overlap,
      });
    return;
  }
  await ctx.engine.run(
    `CREATE OR REPLACE TEMP TABLE ${CONTEXT_TABLE} AS
    WITH h AS (
      SELECT conversation_id, handoff_no, handoff_at, implicit, kind,
        lead(handoff_at) OVER (PARTITION BY conversation_id ORDER BY handoff_no) AS next_at
      FROM handoffs),
    tok AS (
      SELECT conversation_id, ts, actor, lower(text) AS t,
        list_distinct(regexp_split_to_array(lower(coalesce(text, '')), '[^a-z0-9@]+')) AS tokens
      FROM events WHERE event_type = 'message' AND actor IN ('customer', 'agent', 'bot')),
    -- Content: topic words cut to a crude stem (suffix off, five letters) so "charged" meets "charge" and
    -- "delivery" meets "delivered"; numbers kept whole. Identifiers: tokens with a digit (4+ long) or an @.
    msg AS (
      SELECT conversation_id, ts, actor, t,
        list_distinct(list_concat(
          list_filter(list_transform(
            list_filter(tokens, w -> length(w) >= 3 AND NOT regexp_matches(w, '[0-9@]') AND NOT regexp_full_match(w, $stop)),
            w -> left(regexp_replace(w, '(ing|ed|es|s|ly)$', ''), 5)), w -> length(w) >= 3),
          list_filter(tokens, w -> length(w) >= 2 AND regexp_matches(w, '[0-9]')))) AS content,
        -- An e-mail keeps its local part before the split at dots; '@brand' handles (Twitter) are not identifiers.
        list_filter(tokens, w -> (length(w) >= 4 AND regexp_matches(w, '[0-9]')) OR regexp_matches(w, '[a-z0-9]@[a-z0-9]')) AS ids
      FROM tok),
    before AS (
      SELECT h.conversation_id, h.handoff_no,
        bool_or(m.actor IN ('agent', 'bot') AND m.ts >= h.handoff_at - to_minutes(CAST($cold_minutes AS INTEGER))) AS spoke_recently,
        bool_or(m.actor = 'agent') AS agent_replied,
        coalesce(list_distinct(flatten(list(m.content) FILTER (WHERE m.actor = 'customer'))), []) AS said,
        coalesce(list_distinct(flatten(list(m.ids) FILTER (WHERE m.actor = 'customer'))), []) AS said_ids,
        coalesce(bool_or(m.actor = 'customer' AND regexp_matches(m.t, $gave)), false) AS gave_details
      FROM h JOIN msg m ON m.conversation_id = h.conversation_id AND m.ts < h.handoff_at
      GROUP BY ALL),
    -- Messages up to the next handoff, with the customer's first one marked: retelling the story happens when
    -- the new owner takes over; later messages reuse the same words to report progress ("still crashes").
    win AS (
      SELECT h.conversation_id, h.handoff_no, m.actor, m.t, m.content, m.ids,
        row_number() OVER (PARTITION BY h.conversation_id, h.handoff_no, m.actor = 'customer' AND m.t IS NOT NULL ORDER BY m.ts) AS nth
      FROM h JOIN msg m ON m.conversation_id = h.conversation_id AND m.ts >= h.handoff_at
        AND (h.next_at IS NULL OR m.ts < h.next_at)),
    after AS (
      SELECT w.conversation_id, w.handoff_no,
        count(*) FILTER (WHERE w.actor = 'customer' AND w.t IS NOT NULL) AS customer_texts,
        bool_or(w.actor = 'customer' AND w.t IS NOT NULL AND ((regexp_matches(w.t, $repeat) AND NOT regexp_matches(w.t, $complied))
          OR len(list_intersect(w.ids, coalesce(b.said_ids, []))) > 0
          OR (w.nth = 1 AND len(w.content) >= $min_words
            AND len(list_intersect(w.content, coalesce(b.said, []))) >= $overlap * len(w.content)))) AS repeated,
        bool_or(w.actor = 'agent' AND w.t IS NOT NULL AND coalesce(b.gave_details, false) AND regexp_matches(w.t, $reask)) AS reasked
      FROM win w
      LEFT JOIN before b ON b.conversation_id = w.conversation_id AND b.handoff_no = w.handoff_no
      GROUP BY ALL)
    ${CONTEXT_FACTS_SQL}`,
    {
      cold_minutes: t.cold_drop_minutes,
      gave: GAVE_DETAILS,
      repeat: REPEAT_PHRASES,
      reask: REASK_PHRASES,
      stop: STOP_WORDS,
      complied: COMPLIED,
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
  return groupCounts(ctx, CONTEXT_JOIN, groupSql, hit, scope);
}

/** Conversations with a handoff (joined to its context) where `condition` holds. */
export const contextConversations = (condition: string) =>
  `SELECT conversation_id FROM ${CONTEXT_JOIN} WHERE ${condition}`;
