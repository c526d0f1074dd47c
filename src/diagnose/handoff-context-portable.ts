// The per-handoff context table on engines without DuckDB's list lambdas: words as rows, overlaps as joins.
import type { DetectorContext } from './detector.js';

/** The last step of both forms: the facts per handoff from the CTEs h, before and after. */
export const CONTEXT_FACTS_SQL = `SELECT h.conversation_id AS conversation_id, h.handoff_no AS handoff_no,
      NOT h.implicit AND NOT coalesce(b.spoke_recently, false) AS cold_drop,
      NOT h.implicit AND h.kind <> 'bot_to_human' AND NOT coalesce(b.agent_replied, false) AS before_first_reply,
      coalesce(a.customer_texts, 0) AS customer_texts,
      coalesce(a.repeated, false) AS customer_repeated,
      coalesce(a.reasked, false) AS agent_reasked,
      coalesce(a.repeated, false) OR coalesce(a.reasked, false) AS repeat_explanation
    FROM h
    LEFT JOIN before b ON b.conversation_id = h.conversation_id AND b.handoff_no = h.handoff_no
    LEFT JOIN after a ON a.conversation_id = h.conversation_id AND a.handoff_no = h.handoff_no`;

/**
 * The same facts as DuckDB's list-based SQL in handoff-context.ts, through the dialect: every message's
 * distinct words become rows (keyed by conversation and message number), topic stems and identifiers are
 * filtered rows, and "how many of this message's words did the customer say before the handoff" is a join
 * and a count rather than a list intersection. Regular expressions are RE2 on ClickHouse as on DuckDB; on
 * PostgreSQL the dialect translates the one construct that differs (the word boundary).
 */
export function portableContextSelect(ctx: DetectorContext): string {
  const d = ctx.engine.dialect;
  const match = (text: string, pattern: string) => d.regexMatch(text, pattern);
  return `WITH h AS (
      SELECT conversation_id, handoff_no, handoff_at, implicit, kind,
        ${d.lead('handoff_at', '(PARTITION BY conversation_id ORDER BY handoff_no)')} AS next_at
      FROM handoffs),
    msg AS (
      SELECT conversation_id, ts, actor, lower(text) AS t,
        row_number() OVER (PARTITION BY conversation_id ORDER BY ts, seq, ${d.rowId}) AS mid
      FROM events WHERE event_type = 'message' AND actor IN ('customer', 'agent', 'bot')),
    words AS (
      SELECT DISTINCT conversation_id, mid, w FROM (
        SELECT conversation_id, mid, ${d.splitRows("coalesce(t, '')", "'[^a-z0-9@]+'")} AS w FROM msg) split_words),
    -- Content: topic words cut to a crude stem (suffix off, five letters), numbers kept whole; identifiers:
    -- tokens with a digit (4+ long) or an e-mail's @ between letters or digits.
    content AS (
      SELECT conversation_id, mid, c FROM (
        SELECT conversation_id, mid, substring(${d.regexReplace('w', "'(ing|ed|es|s|ly)$'", "''")}, 1, 5) AS c
        FROM words
        WHERE length(w) >= 3 AND NOT ${match('w', "'[0-9@]'")} AND NOT ${match('w', '$stop_full')}) stems
      WHERE length(c) >= 3
      UNION
      SELECT conversation_id, mid, w AS c FROM words WHERE length(w) >= 2 AND ${match('w', "'[0-9]'")}),
    ids AS (
      SELECT conversation_id, mid, w FROM words
      WHERE (length(w) >= 4 AND ${match('w', "'[0-9]'")}) OR ${match('w', "'[a-z0-9]@[a-z0-9]'")}),
    content_size AS (SELECT conversation_id, mid, count(*) AS n FROM content GROUP BY conversation_id, mid),
    earlier AS (
      SELECT h.conversation_id AS conversation_id, h.handoff_no AS handoff_no, h.handoff_at AS handoff_at,
        m.mid AS mid, m.ts AS ts, m.actor AS actor, m.t AS t
      FROM h JOIN msg m ON m.conversation_id = h.conversation_id WHERE m.ts < h.handoff_at),
    before AS (
      SELECT conversation_id, handoff_no,
        ${d.boolOr(`actor IN ('agent', 'bot') AND ${d.secondsBetween('ts', 'handoff_at')} <= round(CAST($cold_minutes AS ${d.doubleType})) * 60`)} AS spoke_recently,
        ${d.boolOr("actor = 'agent'")} AS agent_replied,
        coalesce(${d.boolOr(`actor = 'customer' AND ${match('t', '$gave')}`)}, false) AS gave_details
      FROM earlier GROUP BY conversation_id, handoff_no),
    said AS (
      SELECT DISTINCT e.conversation_id AS conversation_id, e.handoff_no AS handoff_no, c.c AS c
      FROM earlier e JOIN content c ON c.conversation_id = e.conversation_id AND c.mid = e.mid
      WHERE e.actor = 'customer'),
    said_ids AS (
      SELECT DISTINCT e.conversation_id AS conversation_id, e.handoff_no AS handoff_no, i.w AS w
      FROM earlier e JOIN ids i ON i.conversation_id = e.conversation_id AND i.mid = e.mid
      WHERE e.actor = 'customer'),
    -- Messages up to the next handoff, the customer's first text marked (see handoff-context.ts).
    win AS (
      SELECT h.conversation_id AS conversation_id, h.handoff_no AS handoff_no, m.mid AS mid, m.actor AS actor, m.t AS t,
        row_number() OVER (PARTITION BY h.conversation_id, h.handoff_no, m.actor = 'customer' AND m.t IS NOT NULL
          ORDER BY m.ts, m.mid) AS nth
      FROM h JOIN msg m ON m.conversation_id = h.conversation_id
      WHERE m.ts >= h.handoff_at AND (h.next_at IS NULL OR m.ts < h.next_at)),
    overlap AS (
      SELECT w.conversation_id AS conversation_id, w.handoff_no AS handoff_no, w.mid AS mid, count(*) AS n
      FROM win w JOIN content c ON c.conversation_id = w.conversation_id AND c.mid = w.mid
      JOIN said s ON s.conversation_id = w.conversation_id AND s.handoff_no = w.handoff_no AND s.c = c.c
      GROUP BY w.conversation_id, w.handoff_no, w.mid),
    id_hits AS (
      SELECT w.conversation_id AS conversation_id, w.handoff_no AS handoff_no, w.mid AS mid, count(*) AS n
      FROM win w JOIN ids i ON i.conversation_id = w.conversation_id AND i.mid = w.mid
      JOIN said_ids s ON s.conversation_id = w.conversation_id AND s.handoff_no = w.handoff_no AND s.w = i.w
      GROUP BY w.conversation_id, w.handoff_no, w.mid),
    after AS (
      SELECT w.conversation_id AS conversation_id, w.handoff_no AS handoff_no,
        ${d.countIf("w.actor = 'customer' AND w.t IS NOT NULL")} AS customer_texts,
        ${d.boolOr(`w.actor = 'customer' AND w.t IS NOT NULL AND ((${match('w.t', '$repeat')} AND NOT ${match('w.t', '$complied')})
          OR coalesce(ih.n, 0) > 0
          OR (w.nth = 1 AND coalesce(cs.n, 0) >= $min_words
            AND coalesce(o.n, 0) >= CAST($overlap AS ${d.doubleType}) * coalesce(cs.n, 0)))`)} AS repeated,
        ${d.boolOr(`w.actor = 'agent' AND w.t IS NOT NULL AND coalesce(b.gave_details, false) AND ${match('w.t', '$reask')}`)} AS reasked
      FROM win w
      LEFT JOIN content_size cs ON cs.conversation_id = w.conversation_id AND cs.mid = w.mid
      LEFT JOIN overlap o ON o.conversation_id = w.conversation_id AND o.handoff_no = w.handoff_no AND o.mid = w.mid
      LEFT JOIN id_hits ih ON ih.conversation_id = w.conversation_id AND ih.handoff_no = w.handoff_no AND ih.mid = w.mid
      LEFT JOIN before b ON b.conversation_id = w.conversation_id AND b.handoff_no = w.handoff_no
      GROUP BY w.conversation_id, w.handoff_no)
    ${CONTEXT_FACTS_SQL}`;
}
