// SQL that turns ServiceNow incident audit snapshots into canonical events, one snapshot compared with the one before.
import type { SqlParams } from '../../engine/engine.js';
import { tierFromSql } from '../activity-sql.js';
import { readerSql } from '../formats.js';
import type { SourceOptions } from '../source.js';

/** Columns the importer reads; an export without them is not a ServiceNow incident audit log. */
export const SERVICENOW_COLUMNS = Object.freeze([
  'number',
  'incident_state',
  'reassignment_count',
  'reopen_count',
  'sys_mod_count',
  'made_sla',
  'caller_id',
  'sys_updated_at',
  'contact_type',
  'category',
  'priority',
  'assignment_group',
  'assigned_to',
  'resolved_at',
  'closed_at',
] as const);

/** Team given to an incident whose assignment group was emptied: ServiceNow counts that as a reassignment. */
export const NO_GROUP = '(no group)';

const DATE_FORMAT = '%d/%m/%Y %H:%M';
const RESOLVED = "('Resolved', 'Closed')";
// States in which the assignee is working the incident (New: not started; Resolved/Closed: done).
const WORKING = "s.state NOT IN ('New', 'Resolved', 'Closed')";

const cell = (column: string) => `nullif(nullif(trim("${column}"), '?'), '')`;

/** One row per CSV record, `?` read as missing, in file order (`source_row`). */
export const SNAPSHOTS_SQL = `CREATE TEMP TABLE servicenow_snapshots AS
  SELECT ${cell('number')} AS number, ${cell('incident_state')} AS state,
    TRY_CAST(${cell('reassignment_count')} AS INTEGER) AS reassignment_count,
    TRY_CAST(${cell('reopen_count')} AS INTEGER) AS reopen_count,
    TRY_CAST(${cell('sys_mod_count')} AS INTEGER) AS mod_count,
    TRY_CAST(${cell('made_sla')} AS BOOLEAN) AS made_sla, ${cell('caller_id')} AS caller,
    ${cell('sys_updated_at')} AS updated_text, try_strptime(${cell('sys_updated_at')}, '${DATE_FORMAT}') AS updated,
    try_strptime(${cell('resolved_at')}, '${DATE_FORMAT}') AS resolved_at,
    try_strptime(${cell('closed_at')}, '${DATE_FORMAT}') AS closed_at,
    lower(${cell('contact_type')}) AS channel, ${cell('category')} AS category, ${cell('priority')} AS priority,
    ${cell('assignment_group')} AS grp, ${cell('assigned_to')} AS agent
  FROM ${readerSql('csv', { longLines: true })}`;

/** Each snapshot beside the previous one of its incident (ordered by sys_mod_count, then sys_updated_at). */
const COMPARED = `SELECT *, row_number() OVER w AS k, lag(grp) OVER w AS prev_grp, lag(agent) OVER w AS prev_agent,
    lag(state) OVER w AS prev_state, lag(reopen_count) OVER w AS prev_reopen_count
  FROM (SELECT rowid + 1 AS source_row, * FROM servicenow_snapshots)
  WINDOW w AS (PARTITION BY number ORDER BY mod_count, updated, source_row)`;

/**
 * Events of one snapshot, as generic rows. Naive times are written 'YYYY-MM-DD HH:MM:SS' for the pipeline to
 * read in --tz; a date that does not parse is passed on as written so the pipeline rejects it with its value.
 */
export function importRawSql(options: SourceOptions, params: SqlParams): string {
  const tier = tierFromSql('team', options, params) ?? 'CAST(NULL AS VARCHAR)';
  const text = (instant: string) => `coalesce(strftime(${instant}, '%Y-%m-%d %H:%M:%S'), s.updated_text)`;
  const owner_changed =
    's.k > 1 AND (s.grp IS DISTINCT FROM s.prev_grp OR s.agent IS DISTINCT FROM s.prev_agent)';
  const resolving = `s.state IN ${RESOLVED} AND (s.k = 1 OR s.prev_state IS NULL OR s.prev_state NOT IN ${RESOLVED})`;
  // resolved_at/closed_at hold the final values on every snapshot: they date only the last resolution,
  // so an earlier resolution (one reopened later) keeps the time of the snapshot that shows it.
  const resolveAt = `least(coalesce(CASE s.state WHEN 'Resolved' THEN s.resolved_at ELSE s.closed_at END, s.updated), s.updated)`;
  const kinds = [
    // Routing: the group and assignee the incident was opened with.
    `SELECT 'assign' AS kind, s.*, s.grp AS team, s.agent AS agent_id, ${text('s.updated')} AS event_at FROM compared s WHERE s.k = 1`,
    // An emptied group is a move out of the group (ServiceNow counts it); an emptied assignee within the same group
    // cannot clear the agent in the canonical model, so the next assignee counts as taking over from the last.
    `SELECT 'assign', s.*, CASE WHEN s.grp IS NULL AND s.prev_grp IS NOT NULL THEN '${NO_GROUP}' ELSE s.grp END,
       s.agent, ${text('s.updated')} FROM compared s WHERE ${owner_changed}`,
    // Work on the record. sys_updated_by and assigned_to are anonymised apart, so the sender stays unnamed:
    // an update under the new owner completes a handoff whoever typed it, even if the assignee field is stale.
    `SELECT 'message', s.*, s.grp, NULL, ${text('s.updated')} FROM compared s
     WHERE s.k > 1 AND ((${WORKING} AND NOT (${owner_changed})) OR (s.state = 'Resolved' AND ${resolving}))`,
    `SELECT 'resolve', s.*, NULL, NULL, ${text(resolveAt)} FROM compared s WHERE ${resolving}`,
    `SELECT 'reopen', s.*, NULL, NULL, ${text('s.updated')} FROM compared s
     WHERE s.k > 1 AND ((s.prev_state IN ${RESOLVED} AND s.state NOT IN ${RESOLVED}) OR s.reopen_count > s.prev_reopen_count)`,
  ];
  return `CREATE TEMP TABLE import_raw AS
  WITH compared AS (${COMPARED}), ev AS (${kinds.join('\nUNION ALL\n')})
  SELECT source_row, number AS raw_conversation_id, event_at AS raw_timestamp, kind AS raw_event_type,
    CASE WHEN kind = 'message' THEN 'agent' END AS raw_actor,
    agent_id AS raw_agent_id, CASE WHEN kind IN ('assign', 'message') THEN team END AS raw_team,
    CASE WHEN kind IN ('assign', 'message') THEN ${tier} END AS raw_tier,
    CASE WHEN kind = 'message' OR k = 1 THEN channel END AS raw_channel,
    CASE WHEN kind = 'message' THEN state END AS raw_text, CAST(NULL AS VARCHAR) AS raw_csat,
    CASE WHEN k = 1 THEN caller END AS raw_customer_id, CAST(NULL AS VARCHAR) AS raw_segment,
    CASE WHEN k = 1 THEN category END AS raw_category, CASE WHEN k = 1 THEN priority END AS raw_priority,
    CAST(NULL AS VARCHAR) AS raw_reason, CAST(NULL AS VARCHAR) AS raw_transfer_type,
    concat_ws(':', number, CAST(mod_count AS VARCHAR), updated_text, kind) AS raw_event_id
  FROM ev ORDER BY source_row, kind`;
}

/** Snapshots that produced no event: updates that changed nothing Baton reads (priority, notes, SLA flags...). */
export const SILENT_SNAPSHOTS_SQL = `SELECT count(*) AS n, min(source_row) AS first_row
  FROM (SELECT rowid + 1 AS source_row FROM servicenow_snapshots) s
  WHERE NOT EXISTS (SELECT 1 FROM import_raw r WHERE r.source_row = s.source_row)`;

/** The incident's own counters as of its last snapshot, kept for the answer key. */
export const INCIDENTS_SQL = `
CREATE TABLE IF NOT EXISTS servicenow_incidents (
  number VARCHAR, reassignment_count INTEGER, reopen_count INTEGER, made_sla BOOLEAN
);
DELETE FROM servicenow_incidents WHERE number IN (SELECT number FROM servicenow_snapshots);
INSERT INTO servicenow_incidents
  SELECT number, arg_max(reassignment_count, o), arg_max(reopen_count, o), arg_max(made_sla, o)
  FROM (SELECT *, row_number() OVER (PARTITION BY number ORDER BY mod_count, updated, rowid) AS o
        FROM servicenow_snapshots WHERE number IS NOT NULL)
  GROUP BY number;
`;

/** Every column of a full incident audit export (the UCI layout), in its order; SERVICENOW_COLUMNS are the ones read. */
export const SERVICENOW_EXPORT_COLUMNS = Object.freeze([
  'number',
  'incident_state',
  'active',
  'reassignment_count',
  'reopen_count',
  'sys_mod_count',
  'made_sla',
  'caller_id',
  'opened_by',
  'opened_at',
  'sys_created_by',
  'sys_created_at',
  'sys_updated_by',
  'sys_updated_at',
  'contact_type',
  'location',
  'category',
  'subcategory',
  'u_symptom',
  'cmdb_ci',
  'impact',
  'urgency',
  'priority',
  'assignment_group',
  'assigned_to',
  'knowledge',
  'u_priority_confirmation',
  'notify',
  'problem_id',
  'rfc',
  'vendor',
  'caused_by',
  'closed_code',
  'resolved_by',
  'resolved_at',
  'closed_at',
] as const);
