// Data-quality checks run before anyone trusts a number: each counts the rows it is about and shows one example.

export interface QualityCheck {
  readonly code: string;
  readonly message: string;
  /** SQL returning `n` (how many) and `example` (one id or value) over the imported and derived tables. */
  readonly sql: string;
}

export const QUALITY_CHECKS: readonly QualityCheck[] = Object.freeze([
  {
    code: 'implicit-ownership',
    message: 'conversations have no assign/transfer events; their owners are read from who replied',
    sql: 'SELECT count(*) AS n, min(conversation_id) AS example FROM conversations WHERE implicit',
  },
  {
    code: 'missing-team',
    message: 'conversations never name a team; team metrics and team pairs cannot see them',
    sql: "SELECT count(*) AS n, min(conversation_id) AS example FROM conversations WHERE team_path = '(none)'",
  },
  {
    code: 'out-of-order',
    message:
      'events come earlier than an event read before them in the same conversation (Baton sorts by time)',
    sql: `SELECT count(*) AS n, min(conversation_id) AS example FROM (
      SELECT conversation_id, ts < max(ts) OVER (PARTITION BY conversation_id ORDER BY seq
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS early FROM events) WHERE early`,
  },
  {
    code: 'events-after-resolution',
    message: 'events (other than csat) come after the conversation was resolved for good',
    sql: `SELECT count(*) AS n, min(e.conversation_id) AS example FROM events e JOIN conversations c USING (conversation_id)
      WHERE c.resolved AND e.ts > c.resolved_at AND e.event_type <> 'csat'`,
  },
  {
    code: 'ids-differ-by-leading-zeros',
    message:
      'conversation ids that are the same number but for leading zeros (00123 and 123): a spreadsheet may have dropped the zeros, splitting conversations',
    sql: `SELECT count(*) AS n, min(example) AS example FROM (
      SELECT ltrim(conversation_id, '0') AS k, min(conversation_id) AS example FROM conversations
      WHERE regexp_full_match(conversation_id, '[0-9]+') GROUP BY k HAVING count(*) > 1)`,
  },
  {
    code: 'single-event',
    message: 'conversations consist of a single event',
    sql: 'SELECT count(*) AS n, min(conversation_id) AS example FROM conversations WHERE events = 1',
  },
  {
    code: 'no-customer-message',
    message: 'conversations have no first response time (no customer message, or no reply after it)',
    sql: 'SELECT count(*) AS n, min(conversation_id) AS example FROM conversations WHERE first_response_s IS NULL',
  },
]);
