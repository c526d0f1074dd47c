// Zendesk ticket audits (Ticket Audits API pages or NDJSON) and the Incremental Ticket Event Export, read as handoff events.
//
// Mapping (all SQL over DuckDB's JSON reader; .gz is read as is):
// - assignee_id / group_id set by a Create or Change event: `assign` (agent_id = assignee, team = group; both from one
//   update make one event); the Create's is the routing assignment. An assignee emptied with no new group cannot be
//   said in the canonical model (the agent would stay) and is counted as skipped.
// - Comment / VoiceComment: public → `message`, private → `note`. Speaker: the sideloaded user's role when the file
//   has `users`; otherwise the ticket's requester is the customer and anyone else an agent; author -1 is the system.
// - status entering solved/closed: `resolve`; leaving them for new/open/pending/hold: `reopen`.
// - SatisfactionRating: `csat` (good 5, bad 1, or the number given); offered/unoffered are not ratings.
// - channel: the ticket's creating update's `via.channel` on every event, a customer's own comment channel on their
//   messages. Later updates' `via` says how the update was made (agent UI = web, triggers = rule), not where the
//   customer is, so it must not move the owner to another channel.
// - customer_id = requester; priority and category = the first `priority` and `type` the ticket was given.
import type { Engine } from '../../engine/engine.js';
import type { LoadedSource, Source, SourceOptions } from '../source.js';
import { loadJsonSource } from './json-source.js';
import {
  CLEANUP_SQL,
  IMPORT_RAW_SQL,
  ITEMS_SQL,
  RECORDS_SQL,
  SKIPPED_SQL,
  TICKETS_SQL,
  UNITS_COUNT_SQL,
  UNREAD_RECORDS_SQL,
  USERS_SQL,
} from './zendesk-sql.js';

const MAPPING: Readonly<Record<string, string>> = Object.freeze({
  conversation_id: 'ticket_id',
  timestamp: 'audit created_at (ticket events: created_at, else timestamp in epoch seconds)',
  event_type:
    'assign on assignee_id/group_id set; message/note on public/private Comment; resolve/reopen on status to/from solved|closed; csat on SatisfactionRating',
  actor:
    'comment author: sideloaded users role (end-user = customer), else requester = customer, others agent',
  agent_id: 'assignee_id on assign; comment author_id on agent messages',
  team: 'group_id',
  channel:
    "via.channel of the ticket's creating update (voice → phone); the customer's via on their messages",
  text: 'comment plain_body/body',
  csat: 'SatisfactionRating score: good 5, bad 1, or numeric',
  customer_id: 'requester_id (else the first author)',
  category: 'first ticket type',
  priority: 'first ticket priority',
  event_id: 'audit id:event id (assign: audit id:assign)',
});

export const zendeskSource: Source = {
  id: 'zendesk',
  title: 'Zendesk ticket audits or incremental ticket events (JSON, NDJSON)',
  sniff: (head) => {
    if (!/^\s*[[{]/.test(head)) return false;
    if (/"(audits|ticket_events)"\s*:\s*\[/.test(head) || /^\s*\{\s*"audit"\s*:/.test(head)) return true;
    return /"ticket_id"\s*:/.test(head) && /"(events|child_events)"\s*:\s*\[/.test(head);
  },
  load: (engine: Engine, file: string, _options: SourceOptions): Promise<LoadedSource> =>
    loadJsonSource(engine, file, {
      cleanupSql: CLEANUP_SQL,
      recordsSql: RECORDS_SQL,
      prepareSql: [],
      countSql: UNITS_COUNT_SQL,
      empty: {
        code: 'not-zendesk',
        message: 'it holds no Zendesk ticket audits or ticket events',
        expected: '{"audits": [...]} or {"ticket_events": [...]} pages, or one audit per line',
      },
      stepsSql: [ITEMS_SQL, USERS_SQL, TICKETS_SQL, IMPORT_RAW_SQL],
      mapping: MAPPING,
      skipped: {
        unreadSql: UNREAD_RECORDS_SQL,
        unreadCode: 'zendesk-record-skipped',
        unreadMessage: 'JSON records holding no audit or ticket event were skipped',
        skippedSql: SKIPPED_SQL,
        skippedCode: 'zendesk-event-skipped',
        skippedMessage: (label, fields) =>
          `${label} events${fields ? ` (fields: ${fields})` : ''} give no handoff event and were skipped`,
      },
    }),
};
