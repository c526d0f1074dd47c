// The demo stream as Zendesk ticket audits, NDJSON (one audit per line, as the Ticket Audits API returns them).
// Each demo event is one audit: the ticket's first is a Create audit (requester, status, priority, type and the
// first event); messages and notes are public/private Comments, assignments Change assignee_id/group_id,
// resolve/close/reopen Change status, csat is a SatisfactionRating. Abandonment has no Zendesk audit: skipped.
import type { DemoEvent } from '../../src/demo/generate.js';
import { attribute, type ExportWriter, idNumber } from './common.js';

/** Zendesk `via.channel` for a demo channel (the importer maps voice back to phone). */
const VIA: Readonly<Record<string, string>> = {
  phone: 'voice',
  chat: 'chat',
  email: 'email',
  social: 'twitter',
};
const STATUS: Readonly<Record<string, string>> = { resolve: 'solved', close: 'closed', reopen: 'open' };

interface Item {
  id: number;
  type: string;
  [key: string]: unknown;
}

export function zendeskWriter(): ExportWriter {
  let auditId = 900_000_000;
  let eventId = 40_000_000_000;
  const users = new Map<string, number>();
  const groups = new Map<string, number>();
  const userId = (name: string) => {
    let id = users.get(name);
    if (id === undefined) {
      id = 361_000_000 + users.size * 7;
      users.set(name, id);
    }
    return id;
  };
  const groupId = (name: string) => {
    let id = groups.get(name);
    if (id === undefined) {
      id = 20_000_000 + groups.size * 11;
      groups.set(name, id);
    }
    return id;
  };
  return {
    source: 'zendesk',
    extension: 'ndjson',
    header: () => '',
    footer: () => '',
    conversation(events: readonly DemoEvent[]): string {
      const first = events[0];
      if (!first) return '';
      const ticket = idNumber(first.conversation_id);
      const customer = attribute(events, 'customer_id');
      const requester = customer ? 1_000_000_000 + idNumber(customer) : 2_000_000_000 + ticket;
      const channel = VIA[first.channel] ?? (first.channel || 'web');
      let status = 'new';
      let group: number | null = null;
      let assignee: number | null = null;
      const lines: string[] = [];
      events.forEach((e, i) => {
        const kind = i === 0 ? 'Create' : 'Change';
        const items: Item[] = [];
        const field = (name: string, value: string | number, previous: string | number | null) => {
          const item: Item = { id: eventId++, type: kind, field_name: name, value: String(value) };
          if (kind === 'Change') item.previous_value = previous === null ? null : String(previous);
          items.push(item);
        };
        if (i === 0) {
          field('requester_id', requester, null);
          field('status', 'new', null);
          const priority = attribute(events, 'priority');
          if (priority) field('priority', priority, null);
          const category = attribute(events, 'category');
          if (category) field('type', category, null);
        }
        const speaker =
          e.actor === 'customer'
            ? requester
            : e.agent_id
              ? userId(e.agent_id)
              : e.actor === 'system'
                ? -1
                : null;
        switch (e.event_type) {
          case 'message':
          case 'note':
            items.push({
              id: eventId++,
              type: 'Comment',
              author_id: speaker ?? -1,
              body: e.text,
              public: e.event_type === 'message',
              attachments: [],
            });
            break;
          case 'assign':
          case 'transfer': {
            const team = e.team ? groupId(e.team) : null;
            const agent = e.agent_id ? userId(e.agent_id) : null;
            if (team !== null && team !== group) {
              field('group_id', team, group);
              group = team;
            }
            if (agent !== null && agent !== assignee) {
              field('assignee_id', agent, assignee);
              assignee = agent;
            }
            break;
          }
          case 'resolve':
          case 'close':
          case 'reopen': {
            const next = STATUS[e.event_type]!;
            if (next !== status) {
              field('status', next, status);
              status = next;
            }
            break;
          }
          case 'csat':
            items.push({
              id: eventId++,
              type: 'SatisfactionRating',
              score: e.csat,
              assignee_id: assignee,
              body: '',
            });
            break;
          default:
            break; // abandon: no Zendesk equivalent
        }
        if (items.length === 0) return;
        const author =
          e.event_type === 'csat' ? requester : e.agent_id ? userId(e.agent_id) : (speaker ?? -1);
        const via =
          i === 0
            ? channel
            : e.actor === 'customer'
              ? (VIA[e.channel] ?? (e.channel || channel))
              : author === -1
                ? 'rule'
                : 'web';
        lines.push(
          JSON.stringify({
            id: auditId++,
            ticket_id: ticket,
            created_at: e.timestamp,
            author_id: author,
            metadata: { system: {}, custom: {} },
            via: { channel: via, source: { from: {}, to: {}, rel: null } },
            events: items,
          }),
        );
      });
      return lines.length ? `${lines.join('\n')}\n` : '';
    },
  };
}
