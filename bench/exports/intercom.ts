// The demo stream as Intercom conversations, NDJSON (one conversation object per line, as the REST API returns
// them): the opening customer message is the `source`, the other messages `comment` parts (user, admin or bot
// author), notes `note` parts, assignments `assignment` parts to an admin, a bot or a team, resolve/close a
// `close` part, reopen an `open` part, and csat the `conversation_rating`. Abandonment has no part: skipped.
import type { DemoEvent } from '../../src/demo/generate.js';
import { attribute, type ExportWriter, epochSeconds, idNumber } from './common.js';

/** Intercom `source.type` for a demo channel (the importer maps conversation → chat, phone_call → phone). */
const SOURCE_TYPE: Readonly<Record<string, string>> = { chat: 'conversation', phone: 'phone_call' };

const html = (text: string) =>
  `<p>${text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!).replace(/\n/g, '<br>')}</p>`;
const isBot = (e: DemoEvent) => e.actor === 'bot' || e.team === 'Bot' || e.agent_id.endsWith('-bot');

export function intercomWriter(): ExportWriter {
  let partId = 7_000_000_000;
  return {
    source: 'intercom',
    extension: 'ndjson',
    header: () => '',
    footer: () => '',
    conversation(events: readonly DemoEvent[]): string {
      const first = events[0];
      const last = events.at(-1);
      if (!first || !last) return '';
      const id = String(100_000_000 + idNumber(first.conversation_id));
      const customerId = attribute(events, 'customer_id') || `lead-${id}`;
      const customer = { type: 'user', id: customerId, name: null, email: null };
      const channel = attribute(events, 'channel');
      const sourceType = SOURCE_TYPE[channel] ?? (channel || 'conversation');
      // The customer's first message opens the conversation when it comes first; a conversation opened otherwise
      // (a phone call routed before the customer speaks) gets an automated source with no author or body.
      const opening = first.event_type === 'message' && first.actor === 'customer' ? first : undefined;
      const priority = attribute(events, 'priority');
      const created = epochSeconds(first.timestamp);
      const author = (e: DemoEvent) =>
        e.actor === 'customer'
          ? customer
          : {
              type: isBot(e) ? 'bot' : 'admin',
              id: e.agent_id || 'operator',
              name: e.agent_id || null,
              email: null,
            };
      const parts: Record<string, unknown>[] = [];
      let owner = '';
      let team = '';
      let state = 'open';
      let rating: Record<string, unknown> | null = null;
      const part = (e: DemoEvent, partType: string, extra: Record<string, unknown>) => {
        const at = epochSeconds(e.timestamp);
        parts.push({
          type: 'conversation_part',
          id: String(partId++),
          part_type: partType,
          body: null,
          created_at: at,
          updated_at: at,
          notified_at: at,
          assigned_to: null,
          author: author(e),
          attachments: [],
          external_id: null,
          redacted: false,
          ...extra,
        });
      };
      for (const e of events) {
        if (e === opening) continue;
        switch (e.event_type) {
          case 'message':
            part(e, 'comment', { body: html(e.text) });
            break;
          case 'note':
            part(e, 'note', { body: html(e.text) });
            break;
          case 'assign':
          case 'transfer': {
            const assigned = e.agent_id
              ? { type: isBot(e) ? 'bot' : 'admin', id: e.agent_id }
              : e.team
                ? { type: 'team', id: e.team }
                : null;
            if (!assigned) break;
            // The assigning teammate (an admin: a bot author would read as a bot answering).
            const by = { type: 'admin', id: owner || 'workflow', name: null, email: null };
            part(e, parts.length === 0 && !owner ? 'default_assignment' : 'assignment', {
              assigned_to: assigned,
              author: by,
            });
            if (e.agent_id) owner = e.agent_id;
            if (e.team) team = e.team;
            break;
          }
          case 'resolve':
          case 'close':
            part(e, 'close', {});
            state = 'closed';
            break;
          case 'reopen':
            part(e, 'open', { author: customer });
            state = 'open';
            break;
          case 'csat':
            rating = {
              rating: Number(e.csat),
              remark: null,
              created_at: epochSeconds(e.timestamp),
              contact: { type: 'contact', id: customerId },
              teammate: owner ? { type: 'admin', id: owner } : null,
            };
            break;
          default:
            break; // abandon: no Intercom part
        }
      }
      const conversation = {
        type: 'conversation',
        id,
        title: null,
        created_at: created,
        updated_at: epochSeconds(last.timestamp),
        waiting_since: null,
        snoozed_until: null,
        source: {
          type: sourceType,
          id: String(partId++),
          delivered_as: opening ? 'customer_initiated' : 'automated',
          subject: '',
          body: opening ? html(opening.text) : null,
          author: opening ? customer : null,
          attachments: [],
          url: null,
          redacted: false,
        },
        contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: customerId }] },
        open: state === 'open',
        state,
        read: true,
        priority: priority === 'urgent' || priority === 'high' ? 'priority' : 'not_priority',
        admin_assignee_id: owner || null,
        team_assignee_id: team || null,
        tags: {
          type: 'tag.list',
          tags: [attribute(events, 'category')]
            .filter(Boolean)
            .map((name) => ({ type: 'tag', id: name, name })),
        },
        custom_attributes: { segment: attribute(events, 'segment') || null },
        conversation_rating: rating,
        conversation_parts: {
          type: 'conversation_part.list',
          conversation_parts: parts,
          total_count: parts.length,
        },
      };
      return `${JSON.stringify(conversation)}\n`;
    },
  };
}
