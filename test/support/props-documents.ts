// fast-check generators of JSON importer inputs: Zendesk audits and ticket events, Intercom conversations.
import fc from 'fast-check';
import {
  applyMangle,
  cleanOrHostile,
  epochSeconds,
  type GeneratedFile,
  idFrom,
  isoTime,
  type Mix,
  mangle,
  nastyText,
  pack,
  packing,
  wrongJson,
} from './props-arbitraries.js';

/** Any key may be missing: `requiredKeys: []` drops each independently. */
const partial = <T extends Record<string, fc.Arbitrary<unknown>>>(shape: T) =>
  fc.record(shape, { requiredKeys: [] });

/** The generators of one mix, so a clean file is clean throughout. */
function kit(mix: Mix) {
  return {
    oneOf: (...values: string[]) => mix.mostly(fc.constantFrom(...values), nastyText),
    listOf: (item: fc.Arbitrary<unknown>, max = 6) =>
      mix.mostly<unknown>(fc.array(item, { maxLength: max }), wrongJson),
    id: (prefix: string, n = 3) => idFrom(mix, prefix, n),
    /** Values of any JSON type: only in hostile files. */
    any: (good: fc.Arbitrary<unknown>) => mix.mostly(good, wrongJson),
    text: mix.mostly(fc.constantFrom('Hello', 'Fixed, "really"', 'two\nlines', 'ünïcødé 🙂'), nastyText),
  };
}

/** JSON documents as a page (one object holding a list), as NDJSON records, or as a bare list. */
function layout(key: string, items: fc.Arbitrary<unknown[]>, extra: Record<string, unknown> = {}) {
  return fc.tuple(items, fc.constantFrom('page', 'ndjson', 'ndjson-pages', 'array')).map(([list, shape]) => {
    switch (shape) {
      case 'page':
        return JSON.stringify({ ...extra, [key]: list }, null, 1);
      case 'ndjson':
        return list.map((x) => JSON.stringify(x)).join('\n');
      case 'ndjson-pages':
        return [list.slice(0, 2), list.slice(2)]
          .map((l) => JSON.stringify({ ...extra, [key]: l }))
          .join('\n');
      default:
        return JSON.stringify(list);
    }
  });
}

function zendesk(mix: Mix): fc.Arbitrary<string> {
  const k = kit(mix);
  const time = isoTime(mix);
  const event = partial({
    id: k.id('', 50),
    type: k.oneOf('Create', 'Change', 'Comment', 'VoiceComment', 'SatisfactionRating', 'Notification'),
    field_name: k.oneOf('assignee_id', 'group_id', 'status', 'requester_id', 'priority', 'type'),
    value: k.any(fc.constantFrom<unknown>('200', '10', 'open', 'solved', 'closed', 'new', null)),
    previous_value: k.any(fc.constantFrom<unknown>('200', 'solved', null)),
    public: k.any(fc.boolean()),
    author_id: k.id('', 3),
    body: k.text,
    plain_body: k.text,
    score: k.any(fc.constantFrom<unknown>('good', 'bad', 'offered', '4', 5)),
  });
  const audit = partial({
    id: k.id('', 100),
    ticket_id: k.id('', 3),
    created_at: time,
    author_id: k.id('', 3),
    via: k.any(partial({ channel: k.oneOf('email', 'web', 'voice', 'api') })),
    events: k.listOf(event),
  });
  const child = partial({
    id: k.id('', 50),
    event_type: k.oneOf('Create', 'Change', 'Comment', 'VoiceComment', 'SatisfactionRating'),
    via: k.oneOf('Mail', 'Web form', 'Voice'),
    assignee_id: k.id('', 3),
    group_id: k.id('', 3),
    requester_id: k.id('', 3),
    status: k.oneOf('new', 'open', 'solved', 'closed', 'pending'),
    previous_value: k.any(fc.constant(null)),
    comment_present: fc.boolean(),
    comment_public: k.any(fc.boolean()),
    author_id: k.id('', 3),
    body: k.text,
  });
  const ticketEvent = partial({
    id: k.id('', 100),
    ticket_id: k.id('', 3),
    timestamp: epochSeconds(mix),
    created_at: time,
    updater_id: k.id('', 3),
    via: k.oneOf('Mail', 'Web form'),
    event_type: k.oneOf('Audit'),
    child_events: k.listOf(child),
  });
  const users = fc.array(partial({ id: k.id('', 3), role: k.oneOf('end-user', 'agent', 'admin') }), {
    maxLength: 3,
  });
  return fc.oneof(
    users.chain((u) => layout('audits', fc.array(audit, { maxLength: 6 }), { users: u })),
    layout('ticket_events', fc.array(ticketEvent, { maxLength: 6 })),
    fc.array(audit, { maxLength: 4 }).map((l) => l.map((a) => JSON.stringify({ audit: a })).join('\n')),
  );
}

export const zendeskJson: fc.Arbitrary<GeneratedFile> = cleanOrHostile((mix) =>
  fc
    .tuple(zendesk(mix), mangle(mix), packing(mix), fc.constantFrom('audits.json', 'audits.ndjson'))
    .map(([text, m, how, name]) => pack(name, applyMangle(text, m), how)),
);

function intercom(mix: Mix): fc.Arbitrary<string> {
  const k = kit(mix);
  const author = k.any(
    partial({ type: k.oneOf('user', 'lead', 'contact', 'admin', 'team', 'bot'), id: k.id('u', 3) }),
  );
  const part = partial({
    type: fc.constant('conversation_part'),
    id: k.id('', 50),
    part_type: k.oneOf(
      'comment',
      'note',
      'close',
      'open',
      'assignment',
      'default_assignment',
      'away_mode_assignment',
      'assign_and_reopen',
      'snoozed',
    ),
    body: k.any(k.text.map((t) => `<p>${t}</p>`)),
    created_at: epochSeconds(mix),
    assigned_to: k.any(partial({ type: k.oneOf('admin', 'team', 'bot', 'nobody_admin'), id: k.id('a', 3) })),
    author,
  });
  const conversation = partial({
    type: k.any(fc.constant('conversation')),
    id: k.id('', 3),
    created_at: epochSeconds(mix),
    source: k.any(
      partial({
        type: k.oneOf('conversation', 'email', 'phone_call'),
        id: k.id('', 9),
        body: k.text,
        author,
      }),
    ),
    contacts: k.any(partial({ contacts: k.listOf(partial({ id: k.id('u', 3) }), 2) })),
    priority: k.oneOf('priority', 'not_priority'),
    conversation_rating: k.any(
      partial({ rating: k.any(fc.integer({ min: 1, max: 5 })), created_at: epochSeconds(mix) }),
    ),
    conversation_parts: k.any(
      partial({ type: fc.constant('conversation_part.list'), conversation_parts: k.listOf(part, 8) }),
    ),
  });
  return layout('conversations', fc.array(conversation, { maxLength: 4 }), { type: 'conversation.list' });
}

export const intercomJson: fc.Arbitrary<GeneratedFile> = cleanOrHostile((mix) =>
  fc
    .tuple(
      intercom(mix),
      mangle(mix),
      packing(mix),
      fc.constantFrom('conversations.json', 'conversations.ndjson'),
    )
    .map(([text, m, how, name]) => pack(name, applyMangle(text, m), how)),
);
