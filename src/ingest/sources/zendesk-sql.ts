// SQL that flattens Zendesk ticket audits and incremental ticket events into one item table, then into canonical events.

/** Every top-level JSON value of the file (a page, an audit, a ticket event), numbered; `$path` is bound. */
export const RECORDS_SQL = `CREATE TEMP TABLE zendesk_records AS
  SELECT ordinality AS record_no, json FROM read_json_objects($path, format = 'auto') WITH ORDINALITY`;

// An audit arrives in a page (`audits`), alone (`audit`), or as a record of its own; ticket events likewise.
const UNITS = `
  SELECT record_no, 'audit' AS shape, unnest(l) AS u, generate_subscripts(l, 1) AS i
  FROM (SELECT record_no, json_extract(json, '$.audits[*]') AS l FROM zendesk_records WHERE json_exists(json, '$.audits'))
  UNION ALL SELECT record_no, 'audit', json_extract(json, '$.audit'), 1 FROM zendesk_records WHERE json_exists(json, '$.audit')
  UNION ALL SELECT record_no, 'audit', json, 1 FROM zendesk_records
    WHERE json_exists(json, '$.ticket_id') AND json_exists(json, '$.events')
  UNION ALL SELECT record_no, 'ticket_event', unnest(l), generate_subscripts(l, 1)
  FROM (SELECT record_no, json_extract(json, '$.ticket_events[*]') AS l FROM zendesk_records
        WHERE json_exists(json, '$.ticket_events'))
  UNION ALL SELECT record_no, 'ticket_event', json, 1 FROM zendesk_records
    WHERE json_exists(json, '$.ticket_id') AND json_exists(json, '$.child_events')`;

/** Records that hold no audit and no ticket event (metadata pages, other resources): counted, not read. */
export const UNREAD_RECORDS_SQL = `SELECT count(*) AS n, min(record_no) AS first_row FROM zendesk_records
  WHERE NOT (json_exists(json, '$.audits') OR json_exists(json, '$.audit') OR json_exists(json, '$.ticket_events')
    OR (json_exists(json, '$.ticket_id') AND (json_exists(json, '$.events') OR json_exists(json, '$.child_events'))))`;

// `via` is an object ({channel: ...}) in audits and a display name ('Web form', 'Mail') in ticket events.
const via = (json: string) =>
  `CASE json_type(${json}, '$.via') WHEN 'OBJECT' THEN json_extract_string(${json}, '$.via.channel')
    ELSE json_extract_string(${json}, '$.via') END`;

/** Zendesk channel names as Baton channels: lower-case, and the few that have a plainer name renamed. */
const channelSql = (v: string) => `CASE replace(lower(trim(${v})), ' ', '_')
    WHEN 'voice' THEN 'phone' WHEN 'mail' THEN 'email' WHEN 'web_form' THEN 'web' WHEN 'web_service' THEN 'api'
    WHEN 'native_messaging' THEN 'messaging' ELSE nullif(replace(lower(trim(${v})), ' ', '_'), '') END`;

// Ticket fields Baton reads; in ticket events a changed field is a key of the child event.
const FIELDS = ['assignee_id', 'group_id', 'status', 'priority', 'type', 'requester_id'];
const childField = `CASE ${FIELDS.map((f) => `WHEN json_exists(c, '$.${f}') THEN '${f}'`).join(' ')} END`;
const childValue = `CASE ${FIELDS.map((f) => `WHEN json_exists(c, '$.${f}') THEN json_extract_string(c, '$.${f}')`).join(' ')} END`;

/**
 * One row per audit event (or ticket-event child): the unit it came from (`source_row` = its ordinal in the
 * file), its ticket, time, author and channel, and the event's type, field, values, visibility, body and score.
 */
export const ITEMS_SQL = `CREATE TEMP TABLE zendesk_items AS
WITH units AS (SELECT row_number() OVER (ORDER BY record_no, i) AS source_row, shape, u FROM (${UNITS})),
audit_events AS (
  SELECT source_row, shape, u, unnest(l) AS c, generate_subscripts(l, 1) AS k
  FROM (SELECT *, json_extract(u, '$.events[*]') AS l FROM units WHERE shape = 'audit'
        UNION ALL SELECT *, json_extract(u, '$.child_events[*]') FROM units WHERE shape = 'ticket_event')
)
SELECT source_row, shape, k,
  json_extract_string(u, '$.id') AS unit_id,
  json_extract_string(u, '$.ticket_id') AS ticket_id,
  coalesce(json_extract_string(u, '$.created_at'), json_extract_string(u, '$.timestamp')) AS stamp,
  coalesce(json_extract_string(c, '$.id'), CAST(k AS VARCHAR)) AS event_id,
  coalesce(json_extract_string(c, '$.author_id'), json_extract_string(u, '$.author_id'),
    json_extract_string(u, '$.updater_id')) AS author,
  ${channelSql(`coalesce(${via('c')}, ${via('u')})`)} AS channel,
  json_extract_string(c, CASE shape WHEN 'audit' THEN '$.type' ELSE '$.event_type' END) AS type,
  CASE shape WHEN 'audit' THEN json_extract_string(c, '$.field_name') ELSE ${childField} END AS field,
  CASE shape WHEN 'audit' THEN json_extract_string(c, '$.value') ELSE ${childValue} END AS value,
  json_extract_string(c, '$.previous_value') AS previous_value,
  coalesce(TRY_CAST(json_extract_string(c, '$.public') AS BOOLEAN),
    TRY_CAST(json_extract_string(c, '$.comment_public') AS BOOLEAN)) AS public,
  coalesce(json_extract_string(c, '$.plain_body'), json_extract_string(c, '$.body'),
    json_extract_string(c, '$.html_body')) AS body,
  lower(coalesce(json_extract_string(c, '$.score'), json_extract_string(c, '$.satisfaction_score'))) AS score
FROM audit_events`;

/** Audits and ticket events found (even those whose events are all skipped). */
export const UNITS_COUNT_SQL = `SELECT count(*) AS n FROM (${UNITS})`;

/** Users sideloaded in any page of the file: their role tells customers (end-user) from agents. */
export const USERS_SQL = `CREATE TEMP TABLE zendesk_users AS
  SELECT id, any_value(role) AS role FROM (
    SELECT json_extract_string(x, '$.id') AS id, lower(json_extract_string(x, '$.role')) AS role
    FROM (SELECT unnest(json_extract(json, '$.users[*]')) AS x FROM zendesk_records WHERE json_exists(json, '$.users'))
  ) WHERE id IS NOT NULL AND role IS NOT NULL GROUP BY id`;

// to_timestamp throws outside TIMESTAMP's range; such a time sorts last here and is rejected as bad-timestamp later.
const EPOCH = 'TRY_CAST(stamp AS DOUBLE)';
const ORDER = `coalesce(TRY_CAST(stamp AS TIMESTAMPTZ), CASE WHEN abs(${EPOCH}) < 1e11 THEN to_timestamp(${EPOCH}) END), source_row, k`;
const firstSet = (field: string) =>
  `arg_min(value, (${ORDER})) FILTER (WHERE type IN ('Create', 'Change') AND field = '${field}' AND value IS NOT NULL)`;

/** Ticket attributes: requester, the first priority and type, and the channel of the creating update. */
export const TICKETS_SQL = `CREATE TEMP TABLE zendesk_tickets AS
  SELECT ticket_id, coalesce(${firstSet('requester_id')}, arg_min(author, (${ORDER}))) AS requester,
    ${firstSet('priority')} AS priority, ${firstSet('type')} AS category,
    coalesce(arg_min(channel, (${ORDER})) FILTER (WHERE type = 'Create'), arg_min(channel, (${ORDER}))) AS channel
  FROM zendesk_items WHERE ticket_id IS NOT NULL GROUP BY ticket_id`;

const RESOLVED = "('solved', 'closed')";
const OPEN = "('new', 'open', 'pending', 'hold')";
const CSAT = `CASE WHEN score = 'good' THEN '5' WHEN score = 'bad' THEN '1'
  WHEN TRY_CAST(score AS DOUBLE) IS NOT NULL THEN score END`;

/** The canonical event each item gives (NULL kind: none); assignments are gathered per update below. */
const PER_ITEM = `SELECT i.*,
    CASE WHEN type IN ('Comment', 'VoiceComment') THEN CASE WHEN public THEN 'message' ELSE 'note' END
      WHEN type IN ('Create', 'Change') AND field = 'status' AND lower(value) IN ${RESOLVED}
        AND (previous_value IS NULL OR lower(previous_value) NOT IN ${RESOLVED}) THEN 'resolve'
      WHEN type IN ('Create', 'Change') AND field = 'status' AND lower(value) IN ${OPEN}
        AND lower(previous_value) IN ${RESOLVED} THEN 'reopen'
      WHEN type = 'SatisfactionRating' AND (${CSAT}) IS NOT NULL THEN 'csat' END AS kind,
    CASE WHEN author = '-1' THEN 'system' WHEN u.role = 'end-user' THEN 'customer' WHEN u.role IS NOT NULL THEN 'agent'
      WHEN author = t.requester THEN 'customer' ELSE 'agent' END AS speaker
  FROM zendesk_items i LEFT JOIN zendesk_users u ON u.id = i.author LEFT JOIN zendesk_tickets t USING (ticket_id)`;

/** One ownership change per update: the assignee and group it set (both may change at once). */
const ASSIGNS = `SELECT ticket_id, unit_id, min(source_row) AS source_row, any_value(stamp) AS stamp,
    arg_max(value, k) FILTER (WHERE field = 'assignee_id') AS agent, arg_max(value, k) FILTER (WHERE field = 'group_id') AS team
  FROM zendesk_items WHERE type IN ('Create', 'Change') AND field IN ('assignee_id', 'group_id')
  GROUP BY ticket_id, unit_id`;

export const IMPORT_RAW_SQL = `CREATE TEMP TABLE import_raw AS
WITH items AS (${PER_ITEM}),
ev AS (
  SELECT source_row, ticket_id, stamp, kind, CASE WHEN kind IN ('message', 'note') THEN speaker END AS actor,
    CASE WHEN kind IN ('message', 'note') AND speaker = 'agent' THEN author END AS agent_id, NULL AS team,
    CASE WHEN kind = 'message' AND speaker = 'customer' THEN channel END AS channel,
    CASE WHEN kind IN ('message', 'note') THEN body END AS text, CASE WHEN kind = 'csat' THEN ${CSAT} END AS csat,
    concat_ws(':', unit_id, event_id) AS event_id
  FROM items WHERE kind IS NOT NULL
  UNION ALL
  SELECT source_row, ticket_id, stamp, 'assign', NULL, agent, team, NULL, NULL, NULL, concat_ws(':', unit_id, 'assign')
  FROM (${ASSIGNS}) WHERE agent IS NOT NULL OR team IS NOT NULL
)
SELECT ev.source_row, ev.ticket_id AS raw_conversation_id, ev.stamp AS raw_timestamp, ev.kind AS raw_event_type,
  ev.actor AS raw_actor, ev.agent_id AS raw_agent_id, ev.team AS raw_team, CAST(NULL AS VARCHAR) AS raw_tier,
  coalesce(ev.channel, t.channel) AS raw_channel, ev.text AS raw_text, ev.csat AS raw_csat,
  t.requester AS raw_customer_id, CAST(NULL AS VARCHAR) AS raw_segment, t.category AS raw_category,
  t.priority AS raw_priority, CAST(NULL AS VARCHAR) AS raw_reason, CAST(NULL AS VARCHAR) AS raw_transfer_type,
  ev.event_id AS raw_event_id
FROM ev LEFT JOIN zendesk_tickets t USING (ticket_id)
ORDER BY ev.source_row, ev.event_id`;

/**
 * Items that gave no event, by type (a Create/Change of a field Baton does not use, a Notification, a rating that
 * was only offered, an assignee emptied without a new group, a status change that neither solves nor reopens).
 * Attribute fields (requester, priority, type) are read into every event of the ticket and are not counted.
 */
export const SKIPPED_SQL = `SELECT label, count(*) AS n, min(source_row) AS first_row,
    string_agg(DISTINCT field, ', ' ORDER BY field) AS fields FROM (
  SELECT source_row, field, CASE WHEN type = 'SatisfactionRating' THEN concat_ws(' ', type, coalesce(score, '(no score)'))
      ELSE coalesce(type, '(no type)') END AS label
  FROM (${PER_ITEM}) i
  WHERE kind IS NULL AND NOT (type IN ('Create', 'Change') AND field IN ('requester_id', 'priority', 'type'))
    AND NOT (type IN ('Create', 'Change') AND field IN ('assignee_id', 'group_id') AND EXISTS (
      SELECT 1 FROM import_raw r WHERE r.raw_event_id = concat_ws(':', i.unit_id, 'assign')))
) GROUP BY label ORDER BY n DESC, label`;

export const CLEANUP_SQL = `DROP TABLE IF EXISTS zendesk_records; DROP TABLE IF EXISTS zendesk_items;
  DROP TABLE IF EXISTS zendesk_users; DROP TABLE IF EXISTS zendesk_tickets`;
