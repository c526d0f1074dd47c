// fast-check generators of tabular importer inputs: generic CSV, generic NDJSON, ServiceNow audits and Twitter threads.
import fc from 'fast-check';
import { SERVICENOW_EXPORT_COLUMNS } from '../../src/ingest/sources/servicenow-sql.js';
import { EVENT_FIELDS } from '../../src/model/schema.js';
import {
  applyMangle,
  cleanOrHostile,
  type GeneratedFile,
  isoTime,
  type Mix,
  mangle,
  nastyText,
  pack,
  packing,
  wrongJson,
} from './props-arbitraries.js';

const pool = (prefix: string, n = 3) => fc.integer({ min: 1, max: n }).map((i) => `${prefix}${i}`);

/** A plausible value per canonical field, so some rows are accepted and conversations form. */
const good = (mix: Mix): Record<string, fc.Arbitrary<string>> => ({
  conversation_id: pool('c'),
  timestamp: isoTime(mix),
  event_type: fc.constantFrom(
    'message',
    'assign',
    'note',
    'resolve',
    'reopen',
    'abandon',
    'csat',
    'transfer',
    'Close',
  ),
  actor: fc.constantFrom('customer', 'agent', 'bot', 'system', 'Agent', ''),
  agent_id: pool('a'),
  team: fc.constantFrom('Billing', 'Tech', 'L2 Net'),
  tier: fc.constantFrom('1', '2', 'L3'),
  channel: fc.constantFrom('chat', 'email', 'Phone'),
  csat: fc.constantFrom('1', '3', '5', '4.5'),
  transfer_type: fc.constantFrom('warm', 'cold', 'lukewarm'),
  event_id: pool('e', 5),
  text: fc.constantFrom('hello', 'a, "quoted" text', 'two\nlines', 'ünïcødé 🙂'),
});

const valueFor = (mix: Mix) => {
  const values = good(mix);
  return (column: string): fc.Arbitrary<string> => mix.mostly(values[column] ?? nastyText, nastyText);
};

const OPTIONAL = EVENT_FIELDS.filter((f) => !['conversation_id', 'timestamp', 'event_type'].includes(f));

/** Column names: usually the required fields plus some others, sometimes anything at all (repeats included). */
const columns = (mix: Mix): fc.Arbitrary<string[]> =>
  mix.mostly(
    fc
      .tuple(fc.subarray([...OPTIONAL], { maxLength: 6 }), fc.subarray(['extra', 'Text', 'notes']))
      .chain(([optional, extra]) =>
        fc
          .shuffledSubarray([...optional, ...extra], { minLength: optional.length + extra.length })
          .chain((rest) =>
            fc
              .shuffledSubarray(['conversation_id', 'timestamp', 'event_type'], { minLength: 3 })
              .map((required) => [...required, ...rest]),
          ),
      ),
    fc.array(mix.mostly(fc.constantFrom(...EVENT_FIELDS), nastyText), { minLength: 1, maxLength: 5 }),
  );

/** Rows, with some repeated verbatim so duplicates are exercised. */
const rowsOf = <T>(row: fc.Arbitrary<T>) =>
  fc
    .tuple(fc.array(row, { maxLength: 10 }), fc.nat({ max: 3 }))
    .map(([rows, repeat]) => [...rows, ...rows.slice(0, repeat)]);

function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** CSV text: quoted properly, or joined raw as a careless exporter would; ragged rows included. */
const csvText = (mix: Mix, cols: fc.Arbitrary<string[]>, value: (column: string) => fc.Arbitrary<string>) =>
  cols.chain((header) =>
    fc
      .tuple(
        rowsOf(
          fc.tuple(
            fc.tuple(...header.map(value)),
            mix.mostly(fc.constant(0), fc.integer({ min: -2, max: 2 })),
          ),
        ),
        mix.hostile ? fc.boolean() : fc.constant(true),
        fc.constantFrom('\n', '\r\n', ''),
      )
      .map(([rows, quoted, last]) => {
        const cell = quoted ? csvCell : (v: string) => v;
        const lines = rows.map(([cells, ragged]) => {
          const width = Math.max(0, cells.length + ragged);
          const padded = [...cells, ...Array<string>(Math.max(0, ragged)).fill('x')].slice(0, width);
          return padded.map(cell).join(',');
        });
        return [header.map(cell).join(','), ...lines].join('\n') + last;
      }),
  );

export const genericCsv: fc.Arbitrary<GeneratedFile> = cleanOrHostile((mix) =>
  fc
    .tuple(
      csvText(mix, columns(mix), valueFor(mix)),
      mangle(mix),
      packing(mix),
      fc.constantFrom('events.csv', 'events.tsv', 'events.txt'),
    )
    .map(([text, m, how, name]) => pack(name, applyMangle(text, m), how)),
);

/** One NDJSON line: an event object (keys may be missing, values of any JSON type), another JSON value, or junk. */
const ndjsonLine = (mix: Mix): fc.Arbitrary<string> => {
  const values = good(mix);
  const required = mix.hostile ? [] : ['conversation_id', 'timestamp', 'event_type'];
  const event = fc
    .record(
      Object.fromEntries(
        [...EVENT_FIELDS, 'extra'].map((f) => [f, mix.mostly<unknown>(values[f] ?? nastyText, wrongJson)]),
      ),
      { requiredKeys: required },
    )
    .map((r) => JSON.stringify(r));
  if (!mix.hostile) return event;
  return fc.oneof(
    { arbitrary: event, weight: 6 },
    fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
    nastyText,
    fc.constant(''),
  );
};

export const genericNdjson: fc.Arbitrary<GeneratedFile> = cleanOrHostile((mix) =>
  fc
    .tuple(
      rowsOf(ndjsonLine(mix)),
      mangle(mix),
      packing(mix),
      fc.constantFrom('events.ndjson', 'events.jsonl', 'events.json'),
    )
    .map(([lines, m, how, name]) => pack(name, applyMangle(lines.join('\n'), m), how)),
);

/** The header of a real ServiceNow incident audit export (the fixture's). */
const SERVICENOW_HEADER = [...SERVICENOW_EXPORT_COLUMNS];

const snDate = fc
  .tuple(
    fc.integer({ min: 1, max: 28 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
  )
  .map(([d, m, h, min]) => `${d}/${m}/2016 ${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`);

const SN_GOOD: Record<string, fc.Arbitrary<string>> = {
  number: pool('INC000000'),
  incident_state: fc.constantFrom('New', 'Active', 'Awaiting User Info', 'Resolved', 'Closed', '-100'),
  reassignment_count: fc.integer({ min: 0, max: 3 }).map(String),
  reopen_count: fc.integer({ min: 0, max: 2 }).map(String),
  sys_mod_count: fc.integer({ min: 0, max: 8 }).map(String),
  sys_updated_at: snDate,
  resolved_at: fc.oneof(snDate, fc.constant('?')),
  closed_at: fc.oneof(snDate, fc.constant('?')),
  contact_type: fc.constantFrom('Phone', 'Email', 'Self service'),
  assignment_group: fc.constantFrom('Group A', 'Group B', 'L2 Net', '?'),
  assigned_to: fc.constantFrom('Resolver 1', 'Resolver 2', '?'),
  caller_id: pool('Caller '),
  priority: fc.constantFrom('1 - Critical', '3 - Moderate', '?'),
};

/** Usually the full header (shuffled), sometimes with columns missing or added. */
const snColumns = (mix: Mix): fc.Arbitrary<string[]> =>
  mix.mostly(
    fc.shuffledSubarray(SERVICENOW_HEADER, { minLength: SERVICENOW_HEADER.length }),
    fc
      .tuple(fc.subarray(SERVICENOW_HEADER), fc.array(nastyText, { maxLength: 2 }))
      .map(([a, b]) => [...a, ...b]),
  );

export const servicenowCsv: fc.Arbitrary<GeneratedFile> = cleanOrHostile((mix) =>
  fc
    .tuple(
      csvText(mix, snColumns(mix), (c) => mix.mostly(SN_GOOD[c] ?? fc.constant('?'), nastyText)),
      mangle(mix),
      packing(mix),
    )
    .map(([text, m, how]) => pack('incidents.csv', applyMangle(text, m), how)),
);

const TWITTER_HEADER = [
  'tweet_id',
  'author_id',
  'inbound',
  'created_at',
  'text',
  'response_tweet_id',
  'in_response_to_tweet_id',
];

const tweetId = fc.integer({ min: 1, max: 12 });

const TW_GOOD: Record<string, fc.Arbitrary<string>> = {
  tweet_id: tweetId.map(String),
  author_id: fc.constantFrom('AcmeHelp', 'ShipCo', '115712', '99001'),
  inbound: fc.constantFrom('True', 'False', 'true', 'maybe'),
  created_at: fc
    .tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(
      ([d, h, m]) =>
        `Tue Oct ${String(d).padStart(2, '0')} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00 +0000 2017`,
    ),
  text: fc.constantFrom(
    '@AcmeHelp my order 12345 never came',
    '@99001 Sorry! Please DM us your order number ^JK',
    '@99001 Checking now -Becky',
    'as I said, order 12345\rstill missing',
    '',
  ),
  response_tweet_id: fc.oneof(tweetId.map(String), fc.constant(''), fc.constant('3,4')),
  in_response_to_tweet_id: fc.oneof(
    tweetId.map((n) => `${n}.0`),
    fc.constant(''),
  ),
};

/** Usually the full header (shuffled, sometimes behind a pandas index column), sometimes damaged. */
const twColumns = (mix: Mix): fc.Arbitrary<string[]> =>
  mix.mostly(
    fc
      .tuple(fc.shuffledSubarray(TWITTER_HEADER, { minLength: TWITTER_HEADER.length }), fc.boolean())
      .map(([cols, index]) => (index ? ['', ...cols] : cols)),
    fc
      .tuple(fc.subarray(TWITTER_HEADER), fc.array(nastyText, { maxLength: 2 }))
      .map(([a, b]) => [...a, ...b]),
  );

export const twitterCsv: fc.Arbitrary<GeneratedFile> = cleanOrHostile((mix) =>
  fc
    .tuple(
      csvText(mix, twColumns(mix), (c) => mix.mostly(TW_GOOD[c] ?? fc.constant('0'), nastyText)),
      mangle(mix),
      packing(mix),
    )
    .map(([text, m, how]) => pack('twcs.csv', applyMangle(text, m), how)),
);
