// SQL that turns tweets (Kaggle's "Customer Support on Twitter" layout) into threads and canonical events.

/** Columns the importer reads; without them a file is not a Twitter support export. */
export const TWITTER_COLUMNS = Object.freeze([
  'tweet_id',
  'author_id',
  'inbound',
  'created_at',
  'text',
  'in_response_to_tweet_id',
] as const);

/** Channel of every tweet, and of the conversation once a brand asks the customer to direct-message it. */
export const TWITTER_CHANNEL = 'twitter';
export const DM_CHANNEL = 'dm';

/**
 * The run of @handles a reply starts with: Twitter puts them there to address the reply, they are not what was
 * said, and left in they would read as shared words (or identifiers) between any two tweets of a thread.
 */
export const ADDRESSING = String.raw`^(@[A-Za-z0-9_]+[\s,:]*)+`;

/** Reason carried by the channel handoff a DM request makes. */
export const DM_REASON = 'brand asked the customer to continue in direct messages';

/** A brand reply asking to (or saying it did) move to direct messages; matched on lower-cased text. */
export const DM_PHRASES = "(^|[^a-z0-9@/_])(dms?|dm'?d|direct ?messages?|private ?messages?)([^a-z0-9_]|$)";

/**
 * Brands sign replies at the end: `^JK`, `*TMT`, `~Debs`, `-Becky`, `- Chloe`, `= JJ`, `/CB`. Before matching,
 * the tail a signature may be followed by is cut: links, part markers (`2/2`, `(1/2)`, `...1/2`), dots and
 * spaces. `^`, `*` and `~` are unambiguous; a dash, `=` or slash needs a capital and either no letter or digit
 * right before it or a space after it, so `check-in` or `and/or` ending a sentence is not a name. Names
 * written with no mark (`... Phil.`, Japanese replies ending `ET`) are not read: too close to ordinary words.
 */
const TAIL = String.raw`(\s|https?://\S+|\(?\.*\d+/\d+\)?|\.)+$`;
const NAME = '([A-Z][A-Za-z]{0,19})$';
const SIGNATURES = [
  String.raw`(?:\^|\*|~)\s?([A-Za-z]{1,20})$`,
  String.raw`(?:^|[^A-Za-z0-9])(?:--?|=|/)\s?${NAME}`,
  String.raw`(?:-|=)\s${NAME}`,
];

/** SQL for the signature of a text expression, NULL when unsigned. */
export function signatureSql(text: string): string {
  const tail = `regexp_replace(coalesce(${text}, ''), '${TAIL}', '')`;
  return `coalesce(${SIGNATURES.map((p) => `nullif(regexp_extract(${tail}, '${p}', 1), '')`).join(', ')})`;
}

const cell = (column: string) => `nullif(trim("${column}"), '')`;
// Parent ids come as floats from pandas ('3.0'); ids are compared as text.
const tweetId = (column: string) => `regexp_replace(${cell(column)}, '\\.0+$', '')`;

/** One row per CSV record, in file order; `$path` is the copy with bare carriage returns read as spaces. */
export function tweetsSql(reader: string): string {
  return `CREATE TEMP TABLE twitter_tweets AS
  SELECT ${tweetId('tweet_id')} AS id, ${cell('author_id')} AS author, ${cell('inbound')} AS inbound_text,
    lower(${cell('inbound')}) AS inbound, ${cell('created_at')} AS created_text,
    CAST(timezone('UTC', try_strptime(${cell('created_at')}, '%a %b %d %H:%M:%S %z %Y')) AS TIMESTAMP) AS created,
    ${cell('text')} AS text, ${tweetId('in_response_to_tweet_id')} AS parent
  FROM ${reader}`;
}

/**
 * Every tweet's thread: the root of its reply chain, walked down from the roots (tweets with no parent, or
 * whose parent is not in the file). A repeated tweet id is threaded by its first row. Tweets no root reaches
 * sit on a reply loop; each becomes its own thread.
 */
export const THREADS_SQL = `CREATE TEMP TABLE twitter_threads AS
  WITH RECURSIVE t AS (
    SELECT id, arg_min(parent, rowid) AS parent FROM twitter_tweets WHERE id IS NOT NULL GROUP BY id),
  walk(id, root) AS (
    SELECT id, id FROM t WHERE parent IS NULL OR parent NOT IN (SELECT id FROM t)
    UNION ALL
    SELECT c.id, w.root FROM walk w JOIN t c ON c.parent = w.id)
  SELECT t.id, coalesce(w.root, t.id) AS root, w.root IS NULL AS in_loop,
    t.parent IS NOT NULL AND t.parent NOT IN (SELECT id FROM t) AS parent_missing
  FROM t LEFT JOIN walk w USING (id)`;

/**
 * Canonical rows: one `message` per tweet (source_row = its record), and after each brand reply that asks for
 * a DM a textless outbound message on channel dm at the same instant, numbered after the file's last record so
 * it sorts after the reply. A time that does not parse, or an `inbound` that is neither True nor False, is
 * passed on as written for the pipeline to reject with its value.
 */
export const IMPORT_RAW_SQL = `CREATE TEMP TABLE import_raw AS
  WITH tw AS (
    SELECT w.*, th.root, w.inbound = 'false' AS brand,
      CASE WHEN w.inbound = 'false' THEN ${signatureSql('w.text')} END AS signature,
      w.inbound = 'false' AND regexp_matches(lower(coalesce(w.text, '')), $dm) AS asks_dm,
      coalesce(strftime(w.created, '%Y-%m-%dT%H:%M:%S') || 'Z', w.created_text) AS sent_at
    FROM (SELECT rowid + 1 AS source_row, * FROM twitter_tweets) w LEFT JOIN twitter_threads th ON th.id = w.id),
  records AS (SELECT count(*) AS n FROM twitter_tweets)
  SELECT source_row, root AS raw_conversation_id, sent_at AS raw_timestamp, 'message' AS raw_event_type,
    CASE inbound WHEN 'true' THEN 'customer' WHEN 'false' THEN 'agent' ELSE inbound_text END AS raw_actor,
    CASE WHEN brand AND signature IS NOT NULL THEN concat_ws(':', author, signature) END AS raw_agent_id,
    CASE WHEN brand THEN author END AS raw_team, CAST(NULL AS VARCHAR) AS raw_tier,
    '${TWITTER_CHANNEL}' AS raw_channel, nullif(trim(regexp_replace(text, '${ADDRESSING}', '')), '') AS raw_text, CAST(NULL AS VARCHAR) AS raw_csat,
    CASE WHEN inbound = 'true' THEN author END AS raw_customer_id, CAST(NULL AS VARCHAR) AS raw_segment,
    CAST(NULL AS VARCHAR) AS raw_category, CAST(NULL AS VARCHAR) AS raw_priority,
    CAST(NULL AS VARCHAR) AS raw_reason, CAST(NULL AS VARCHAR) AS raw_transfer_type, id AS raw_event_id
  FROM tw
  UNION ALL
  SELECT records.n + source_row, root, sent_at, 'message', 'agent', NULL, author, NULL, '${DM_CHANNEL}', NULL, NULL,
    NULL, NULL, NULL, NULL, $dm_reason, NULL, id || ':dm'
  FROM tw, records WHERE asks_dm AND root IS NOT NULL AND created IS NOT NULL
  ORDER BY source_row`;

/** Tweets replying to a tweet the file does not hold: each starts its own thread. */
export const PARENT_MISSING_SQL = `SELECT count(*) AS n, min(w.source_row) AS first_row
  FROM (SELECT rowid + 1 AS source_row, id FROM twitter_tweets) w JOIN twitter_threads th USING (id)
  WHERE th.parent_missing`;

/** Tweets on a reply loop (a chain that never reaches a root). */
export const LOOPS_SQL = `SELECT count(*) AS n, min(w.source_row) AS first_row
  FROM (SELECT rowid + 1 AS source_row, id FROM twitter_tweets) w JOIN twitter_threads th USING (id)
  WHERE th.in_loop`;

/** The DM switches added, with the first request's row. */
export const DM_SWITCHES_SQL = `SELECT count(*) AS n, min(source_row) - (SELECT count(*) FROM twitter_tweets) AS first_row
  FROM import_raw WHERE raw_channel = '${DM_CHANNEL}'`;

export const CLEANUP_SQL = 'DROP TABLE IF EXISTS twitter_tweets; DROP TABLE IF EXISTS twitter_threads';
