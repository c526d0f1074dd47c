// SQL that flattens Intercom conversations (REST API shape) and their conversation_parts into canonical events.

/** Every top-level JSON value of the file (a conversation.list page or a conversation), numbered; `$path` is bound. */
export const RECORDS_SQL = `CREATE TEMP TABLE intercom_records AS
  SELECT ordinality AS record_no, json FROM read_json_objects($path, format = 'auto') WITH ORDINALITY`;

const IS_CONVERSATION = `(json_exists(json, '$.conversation_parts') OR json_extract_string(json, '$.type') = 'conversation')`;

const UNITS = `
  SELECT record_no, unnest(l) AS c, generate_subscripts(l, 1) AS i
  FROM (SELECT record_no, json_extract(json, '$.conversations[*]') AS l FROM intercom_records
        WHERE json_exists(json, '$.conversations'))
  UNION ALL SELECT record_no, json, 1 FROM intercom_records WHERE NOT json_exists(json, '$.conversations') AND ${IS_CONVERSATION}`;

/** Records that hold no conversation (pagination metadata, other objects): counted, not read. */
export const UNREAD_RECORDS_SQL = `SELECT count(*) AS n, min(record_no) AS first_row FROM intercom_records
  WHERE NOT (json_exists(json, '$.conversations') OR ${IS_CONVERSATION})`;

const CUSTOMER_TYPES = "('user', 'lead', 'contact')";
const channelSql = (
  v: string,
) => `CASE lower(${v}) WHEN 'conversation' THEN 'chat' WHEN 'phone_call' THEN 'phone'
  WHEN 'phone' THEN 'phone' ELSE nullif(lower(${v}), '') END`;

/** One row per conversation, numbered by its position in the file (`source_row`). */
export const CONVERSATIONS_SQL = `CREATE TEMP TABLE intercom_conversations AS
SELECT row_number() OVER (ORDER BY record_no, i) AS source_row,
  json_extract_string(c, '$.id') AS conversation_id,
  json_extract_string(c, '$.created_at') AS created_at,
  json_extract_string(c, '$.updated_at') AS updated_at,
  json_extract(c, '$.source') AS source,
  ${channelSql("json_extract_string(c, '$.source.type')")} AS channel,
  coalesce(CASE WHEN lower(json_extract_string(c, '$.source.author.type')) IN ${CUSTOMER_TYPES}
    THEN json_extract_string(c, '$.source.author.id') END, json_extract_string(c, '$.contacts.contacts[0].id'),
    json_extract_string(c, '$.user.id')) AS customer_id,
  lower(json_extract_string(c, '$.priority')) AS priority,
  json_extract_string(c, '$.conversation_rating.rating') AS rating,
  json_extract_string(c, '$.conversation_rating.created_at') AS rated_at,
  json_extract(c, '$.conversation_parts.conversation_parts[*]') AS parts
FROM (${UNITS})`;

export const CONVERSATION_COUNT_SQL = 'SELECT count(*) AS n FROM intercom_conversations';

/** The opening message (`source`, part 0) and every conversation part, with author and assignee flattened. */
export const PARTS_SQL = `CREATE TEMP TABLE intercom_parts AS
WITH raw AS (
  SELECT source_row, conversation_id, 0 AS k, 'source' AS part_id, 'source' AS part_type, created_at AS stamp,
    json_extract(source, '$.author') AS author, NULL::JSON AS assigned_to, json_extract_string(source, '$.body') AS body
  FROM intercom_conversations WHERE source IS NOT NULL AND json_type(source) = 'OBJECT'
  UNION ALL
  SELECT source_row, conversation_id, k, coalesce(json_extract_string(p, '$.id'), CAST(k AS VARCHAR)),
    json_extract_string(p, '$.part_type'), json_extract_string(p, '$.created_at'), json_extract(p, '$.author'),
    json_extract(p, '$.assigned_to'), json_extract_string(p, '$.body')
  FROM (SELECT source_row, conversation_id, unnest(parts) AS p, generate_subscripts(parts, 1) AS k
        FROM intercom_conversations WHERE parts IS NOT NULL)
)
SELECT source_row, conversation_id, k, part_id, lower(part_type) AS part_type, stamp,
  lower(json_extract_string(author, '$.type')) AS author_type, json_extract_string(author, '$.id') AS author_id,
  coalesce(TRY_CAST(json_extract_string(author, '$.from_ai_agent') AS BOOLEAN), false)
    OR coalesce(TRY_CAST(json_extract_string(author, '$.is_ai_answer') AS BOOLEAN), false) AS ai,
  lower(json_extract_string(assigned_to, '$.type')) AS assigned_type, json_extract_string(assigned_to, '$.id') AS assigned_id,
  nullif(trim(regexp_replace(body, '<[^>]*>', ' ', 'g')), '') AS body
FROM raw`;

const ASSIGNMENTS = "('assignment', 'default_assignment', 'away_mode_assignment', 'assign_and_reopen')";
const REOPENING = "('open', 'assign_and_reopen')";
const ORDER = 'TRY_CAST(stamp AS DOUBLE), k';
// Bots are told apart from admins by a prefix, the same on their messages and on assignments to them.
const botId = (id: string) => `'bot:' || ${id}`;

/** The events each part gives; `kinds` lists them (a part may both assign and reopen). */
const PER_PART = `SELECT p.*,
    CASE WHEN author_type = 'bot' OR ai THEN 'bot' WHEN author_type IN ('admin', 'team') THEN 'agent'
      WHEN author_type IN ${CUSTOMER_TYPES} THEN 'customer' END AS speaker,
    CASE assigned_type WHEN 'admin' THEN assigned_id WHEN 'bot' THEN ${botId('assigned_id')} END AS assigned_agent,
    CASE WHEN assigned_type = 'team' THEN assigned_id END AS assigned_team,
    last_value(CASE WHEN part_type = 'close' THEN 'closed' WHEN part_type IN ${REOPENING} THEN 'open' END IGNORE NULLS)
      OVER (PARTITION BY conversation_id ORDER BY ${ORDER} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS state_before
  FROM intercom_parts p`;

const KINDS = `SELECT *, list_filter([
    CASE WHEN part_type IN ('source', 'comment') AND speaker IS NOT NULL THEN 'message'
      WHEN part_type = 'note' THEN 'note' WHEN part_type = 'close' THEN 'resolve' END,
    CASE WHEN part_type IN ${REOPENING} AND state_before = 'closed' THEN 'reopen' END,
    -- Closing with a reply: the body is sent to the customer.
    CASE WHEN part_type = 'close' AND body IS NOT NULL AND speaker IN ('agent', 'bot') THEN 'message' END,
    CASE WHEN part_type IN ${ASSIGNMENTS} AND (assigned_agent IS NOT NULL OR assigned_team IS NOT NULL) THEN 'assign' END
  ], x -> x IS NOT NULL) AS kinds
  FROM (${PER_PART})`;

/**
 * A bot that answers before anyone is assigned owns the conversation from its first message: without that
 * routing event, the later assignment to a team or admin would be the routing and no bot_to_human handoff.
 */
const BOT_ROUTING = `SELECT source_row, conversation_id, k, part_id || ':bot-routing' AS part_id, stamp, agent
  FROM (
    SELECT *, CASE WHEN speaker = 'bot' THEN coalesce(${botId('author_id')}, 'bot') END AS agent,
      row_number() OVER (PARTITION BY conversation_id ORDER BY ${ORDER}) AS n
    FROM (${KINDS}) WHERE (speaker = 'bot' AND list_contains(kinds, 'message')) OR list_contains(kinds, 'assign')
  ) WHERE n = 1 AND agent IS NOT NULL`;

export const IMPORT_RAW_SQL = `CREATE TEMP TABLE import_raw AS
WITH parts AS (SELECT * EXCLUDE (kinds), unnest(kinds) AS kind FROM (${KINDS})),
ev AS (
  SELECT source_row, conversation_id, stamp, kind, k, part_id,
    CASE WHEN kind IN ('message', 'note') THEN speaker END AS actor,
    CASE WHEN kind = 'assign' THEN assigned_agent WHEN kind IN ('message', 'note') AND speaker = 'bot'
      THEN coalesce(${botId('author_id')}, 'bot') WHEN kind IN ('message', 'note') AND speaker = 'agent' THEN author_id END AS agent_id,
    CASE WHEN kind = 'assign' THEN assigned_team END AS team,
    CASE WHEN kind IN ('message', 'note') THEN body END AS text, NULL AS csat
  FROM parts
  UNION ALL
  SELECT source_row, conversation_id, stamp, 'assign', k, part_id, NULL, agent, NULL, NULL, NULL FROM (${BOT_ROUTING})
  UNION ALL
  SELECT source_row, conversation_id, coalesce(rated_at, updated_at), 'csat', 2147483647, 'rating', NULL, NULL, NULL, NULL,
    rating
  FROM intercom_conversations WHERE rating IS NOT NULL
)
SELECT ev.source_row, ev.conversation_id AS raw_conversation_id, ev.stamp AS raw_timestamp, ev.kind AS raw_event_type,
  ev.actor AS raw_actor, ev.agent_id AS raw_agent_id, ev.team AS raw_team, CAST(NULL AS VARCHAR) AS raw_tier,
  c.channel AS raw_channel, ev.text AS raw_text, ev.csat AS raw_csat, c.customer_id AS raw_customer_id,
  CAST(NULL AS VARCHAR) AS raw_segment, CAST(NULL AS VARCHAR) AS raw_category, c.priority AS raw_priority,
  CAST(NULL AS VARCHAR) AS raw_reason, CAST(NULL AS VARCHAR) AS raw_transfer_type,
  concat_ws(':', ev.conversation_id, ev.part_id, ev.kind) AS raw_event_id
FROM ev JOIN intercom_conversations c USING (source_row)
ORDER BY ev.source_row, ev.k, ev.kind`;

/** Parts that gave no event, by part type: unknown types, assignments to nobody, an `open` that reopens nothing. */
export const SKIPPED_SQL = `SELECT label, count(*) AS n, min(source_row) AS first_row FROM (
  SELECT source_row, CASE
      WHEN part_type IN ${ASSIGNMENTS} THEN concat(part_type, ' to ', coalesce(assigned_type, 'nobody'))
      WHEN part_type IN ('source', 'comment') THEN concat(part_type, ' by ', coalesce(author_type, 'an unknown author'))
      ELSE coalesce(part_type, '(no part_type)') END AS label
  FROM (${KINDS}) WHERE len(kinds) = 0
) GROUP BY label ORDER BY n DESC, label`;

export const CLEANUP_SQL = `DROP TABLE IF EXISTS intercom_records; DROP TABLE IF EXISTS intercom_conversations;
  DROP TABLE IF EXISTS intercom_parts`;
