// The dimensions every surface can slice metrics by; time dimensions read instants in the business time zone ($tz).
import type { Dimension } from './types.js';

const local = (column: string) => `timezone($tz, CAST(${column} AS TIMESTAMPTZ))`;
const none = (sql: string) => `coalesce(${sql}, '(none)')`;
const pair = (from: string, to: string) => `${none(from)} || '→' || ${none(to)}`;

const handoffOnly = (id: string, title: string, description: string, column = id): Dimension => ({
  kind: 'dimension',
  id,
  title,
  description,
  sql: { handoff: none(column) },
});

const conversationAttr = (id: string, title: string, description: string): Dimension => ({
  kind: 'dimension',
  id,
  title,
  description,
  sql: { handoff: none(id), conversation: none(id) },
});

const timeDim = (
  id: string,
  title: string,
  description: string,
  fn: (ts: string) => string,
  values?: readonly string[],
): Dimension => ({
  kind: 'dimension',
  id,
  title,
  description,
  sql: { handoff: fn(local('handoff_at')), conversation: fn(local('started_at')), event: fn(local('ts')) },
  ...(values ? { values } : {}),
});

export const DIMENSIONS: readonly Dimension[] = Object.freeze([
  {
    kind: 'dimension',
    id: 'channel_pair',
    title: 'Channel pair',
    description: 'Channel before and after the handoff, like chat→email.',
    sql: { handoff: pair('from_channel', 'to_channel') },
  },
  {
    kind: 'dimension',
    id: 'team_pair',
    title: 'Team pair',
    description: 'Team before and after the handoff, like Billing→Tech.',
    sql: { handoff: pair('from_team', 'to_team') },
  },
  handoffOnly(
    'kind',
    'Handoff kind',
    'bot_to_human, channel, tier, team or agent: what changed at the handoff.',
  ),
  handoffOnly('from_team', 'From team', 'Team that handed the conversation on.'),
  handoffOnly('to_team', 'To team', 'Team that received the conversation.'),
  handoffOnly('from_agent', 'From agent', 'Agent that handed the conversation on.'),
  handoffOnly('to_agent', 'To agent', 'Agent named by the handoff (empty when it went to a queue).'),
  handoffOnly('from_channel', 'From channel', 'Channel before the handoff.'),
  handoffOnly('to_channel', 'To channel', 'Channel after the handoff.'),
  handoffOnly('from_tier', 'From tier', 'Tier before the handoff.'),
  handoffOnly('to_tier', 'To tier', 'Tier after the handoff.'),
  handoffOnly('transfer_type', 'Transfer type', 'warm or cold, as recorded on the transfer.'),
  handoffOnly('reason', 'Handoff reason', 'Reason recorded on the transfer.'),
  conversationAttr('start_channel', 'Start channel', 'Channel the conversation began in.'),
  conversationAttr('segment', 'Customer segment', 'Customer segment of the conversation.'),
  conversationAttr('category', 'Category', 'Category of the conversation.'),
  conversationAttr('priority', 'Priority', 'Priority of the conversation.'),
  {
    kind: 'dimension',
    id: 'handoff_count',
    title: 'Handoffs in the conversation',
    description: 'How many handoffs the conversation had.',
    sql: { handoff: 'handoff_count', conversation: 'handoff_count' },
  },
  {
    kind: 'dimension',
    id: 'outcome',
    title: 'Outcome',
    description: 'resolved or abandoned.',
    sql: { conversation: 'outcome' },
  },
  {
    kind: 'dimension',
    id: 'start_team',
    title: 'Start team',
    description: 'Team the conversation was first routed to.',
    sql: { conversation: none('start_team') },
  },
  {
    kind: 'dimension',
    id: 'final_team',
    title: 'Final team',
    description: 'Team that owned the conversation last.',
    sql: { conversation: none('final_team') },
  },
  {
    kind: 'dimension',
    id: 'channel_path',
    title: 'Channel path',
    description: 'Channels the conversation passed through, like chat → email.',
    sql: { conversation: 'channel_path' },
  },
  {
    kind: 'dimension',
    id: 'team_path',
    title: 'Team path',
    description: 'Teams the conversation passed through.',
    sql: { conversation: 'team_path' },
  },
  {
    kind: 'dimension',
    id: 'event_type',
    title: 'Event type',
    description: 'Canonical event type.',
    sql: { event: 'event_type' },
  },
  timeDim('hour', 'Hour of day', 'Hour (0-23) in the business time zone (--tz).', (ts) => `hour(${ts})`),
  timeDim(
    'weekday',
    'Weekday',
    'Day of the week in the business time zone (--tz).',
    (ts) => `strftime(${ts}, '%a')`,
    ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  ),
  timeDim(
    'date',
    'Date',
    'Calendar date in the business time zone (--tz).',
    (ts) => `strftime(${ts}, '%Y-%m-%d')`,
  ),
  timeDim(
    'month',
    'Month',
    'Calendar month in the business time zone (--tz).',
    (ts) => `strftime(${ts}, '%Y-%m')`,
  ),
]);
