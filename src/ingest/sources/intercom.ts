// Intercom conversations as the REST API returns them (conversation.list pages or NDJSON), read as handoff events.
//
// Mapping (all SQL over DuckDB's JSON reader; .gz is read as is; times are epoch seconds):
// - source (the opening message) and `comment` parts: `message`; author user/lead/contact → customer, admin or team →
//   agent, bot (or an AI-agent answer) → bot with agent_id `bot:<id>`, the same id an assignment to that bot gets;
// - `note`: note; `close`: resolve (and a message when it carries a reply); `open` or `assign_and_reopen` after a close: reopen;
// - assignment, default_assignment, away_mode_assignment, assign_and_reopen: `assign` to assigned_to (admin →
//   agent_id, team → team, bot → agent_id `bot:<id>`); to nobody it cannot be said (the agent would stay): skipped;
// - a bot that answers before any assignment gets a routing `assign` at its first message, so the later assignment
//   to a team or an admin is a bot_to_human handoff;
// - conversation_rating: `csat` (1-5) at its created_at; channel: source.type (conversation → chat, email, ...);
//   customer_id: the source's author when a user/lead, else the first contact; priority: the conversation's.
import type { Engine } from '../../engine/engine.js';
import type { LoadedSource, Source, SourceOptions } from '../source.js';
import {
  CLEANUP_SQL,
  CONVERSATION_COUNT_SQL,
  CONVERSATIONS_SQL,
  IMPORT_RAW_SQL,
  PARTS_SQL,
  RECORDS_SQL,
  SKIPPED_SQL,
  UNREAD_RECORDS_SQL,
} from './intercom-sql.js';
import { loadJsonSource } from './json-source.js';

const MAPPING: Readonly<Record<string, string>> = Object.freeze({
  conversation_id: 'id',
  timestamp:
    'created_at of the conversation (source) and of each part; conversation_rating.created_at (epoch s)',
  event_type:
    'message on source/comment; note on note; assign on assignment parts (and a bot routing before its first answer); resolve on close; reopen on open/assign_and_reopen after close; csat on conversation_rating',
  actor: 'author.type: user/lead/contact → customer, admin/team → agent, bot or AI answer → bot',
  agent_id: 'author.id (bots: bot:<id>); assigned_to.id of type admin or bot',
  team: 'assigned_to.id of type team',
  channel: 'source.type (conversation → chat, phone_call → phone)',
  text: 'body without HTML tags',
  csat: 'conversation_rating.rating',
  customer_id: 'source.author.id (user/lead), else contacts[0].id',
  priority: 'priority',
  event_id: 'conversation id:part id:event type',
});

export const intercomSource: Source = {
  id: 'intercom',
  title: 'Intercom conversations with conversation_parts (JSON, NDJSON)',
  sniff: (head) =>
    /^\s*[[{]/.test(head) &&
    (/"conversation_parts"\s*:/.test(head) || /"type"\s*:\s*"conversation(\.list)?"/.test(head)),
  load: (engine: Engine, file: string, _options: SourceOptions): Promise<LoadedSource> =>
    loadJsonSource(engine, file, {
      cleanupSql: CLEANUP_SQL,
      recordsSql: RECORDS_SQL,
      prepareSql: [CONVERSATIONS_SQL],
      countSql: CONVERSATION_COUNT_SQL,
      empty: {
        code: 'not-intercom',
        message: 'it holds no Intercom conversations',
        expected: '{"type": "conversation.list", "conversations": [...]} or one conversation per line',
      },
      stepsSql: [PARTS_SQL, IMPORT_RAW_SQL],
      mapping: MAPPING,
      skipped: {
        unreadSql: UNREAD_RECORDS_SQL,
        unreadCode: 'intercom-record-skipped',
        unreadMessage: 'JSON records holding no conversation were skipped',
        skippedSql: SKIPPED_SQL,
        skippedCode: 'intercom-part-skipped',
        skippedMessage: (label) => `conversation parts '${label}' give no handoff event and were skipped`,
      },
    }),
};
