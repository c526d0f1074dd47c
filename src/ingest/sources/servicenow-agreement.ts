// ServiceNow's own answer key: our group-level reassignments per incident against its final reassignment_count.
import type { Engine } from '../../engine/engine.js';

export interface ReassignmentAgreement {
  /** Incidents imported from ServiceNow exports (rows of `servicenow_incidents`). */
  incidents: number;
  /** Incidents whose derived group changes equal ServiceNow's final reassignment_count. */
  agreeing: number;
  share: number;
  /** Group changes we derived, summed over the incidents. */
  ourTotal: number;
  /** Final reassignment_count, summed. */
  theirTotal: number;
}

/**
 * Counts, from the imported `assign` events, every change of team after the incident's first assign event
 * (so the first assignment out of an empty group counts, and the group the incident was opened with does not),
 * in the order the derivation reads events. ServiceNow counts the same thing in `reassignment_count`; the
 * export leaves some updates out, so full agreement is not expected.
 */
export async function reassignmentAgreement(engine: Engine): Promise<ReassignmentAgreement> {
  const row = await engine.one<{ incidents: number; agreeing: number; ours: number; theirs: number }>(
    `WITH assigns AS (
       SELECT conversation_id, team,
         row_number() OVER w AS pos,
         last_value(team IGNORE NULLS) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_team
       FROM events WHERE event_type = 'assign'
       WINDOW w AS (PARTITION BY conversation_id ORDER BY ts, seq)
     ), ours AS (
       SELECT conversation_id, count(*) FILTER (WHERE pos > 1 AND team IS NOT NULL AND team IS DISTINCT FROM prev_team) AS n
       FROM assigns GROUP BY conversation_id
     )
     SELECT count(*) AS incidents,
       count(*) FILTER (WHERE coalesce(o.n, 0) = i.reassignment_count) AS agreeing,
       coalesce(sum(coalesce(o.n, 0)), 0) AS ours, coalesce(sum(i.reassignment_count), 0) AS theirs
     FROM servicenow_incidents i LEFT JOIN ours o ON o.conversation_id = i.number`,
  );
  return {
    incidents: row.incidents,
    agreeing: row.agreeing,
    share: row.incidents > 0 ? row.agreeing / row.incidents : 0,
    ourTotal: row.ours,
    theirTotal: row.theirs,
  };
}
