// Shared fast-check arbitraries for importer properties: hostile field values, wrong JSON types and file mangling.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';

/** Text that breaks naive readers: separators, quotes, line breaks, markup, escapes, unicode, and near-valid values. */
const NASTY = [
  '',
  ' ',
  '"',
  '""',
  "'",
  ',',
  ';',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\\',
  '\\"',
  '?',
  'null',
  'NULL',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '9'.repeat(40),
  '-9223372036854775809',
  '<p>hi</p>',
  '<![CDATA[x]]>',
  '&amp;',
  '&bogus;',
  '\u0000',
  '\uFEFF',
  '\u2028',
  'ünïcødé',
  '日本語',
  '🙂👩‍👩‍👧',
  '\uD800',
  '{"a":1}',
  '[1,2]',
  '2026-10-01T09:00:00Z',
  '2026-02-30T25:61:00Z',
  '2026-10-01 09:00:00',
  '0000-01-01T00:00:00Z',
  '99999-12-31T23:59:59Z',
  '13/3/2016 09:00',
  '31/2/2016 24:00',
];

export const nastyText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.bigInt().map(String),
  fc.double().map(String),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

/**
 * How hostile a generated file is. Clean files use plausible values only, so events do land; hostile ones mix in
 * bad values everywhere. Mixing per value alone would make almost every file hostile somewhere, and a property
 * that never sees an import succeed tests little.
 */
export interface Mix {
  /** A value from `good`; in a hostile file, sometimes something bad instead. */
  mostly<T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>): fc.Arbitrary<T>;
  hostile: boolean;
}

export const CLEAN: Mix = { mostly: (good) => good, hostile: false };
export const HOSTILE: Mix = {
  mostly: (good, bad) => fc.oneof({ arbitrary: good, weight: 3 }, { arbitrary: bad, weight: 1 }),
  hostile: true,
};

/** Both kinds of file from one builder: clean ones a third of the time. */
export const cleanOrHostile = <T>(build: (mix: Mix) => fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: build(CLEAN), weight: 1 }, { arbitrary: build(HOSTILE), weight: 2 });

/** Any JSON value a field might hold instead of the expected one: wrong types, huge and fractional numbers. */
export const wrongJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  nastyText,
  fc.constantFrom(1e308, -1e308, 2 ** 63, -(2 ** 63), 1.5, -1, 0, Number.MAX_SAFE_INTEGER),
  fc.integer(),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Epoch seconds: plausible ones, and ones no timestamp can hold. */
export const epochSeconds = (mix: Mix, bad: fc.Arbitrary<unknown> = wrongJson): fc.Arbitrary<unknown> =>
  mix.mostly<unknown>(fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }), bad);

/** ISO-ish timestamps, mostly parseable. */
export const isoTime = (mix: Mix, bad: fc.Arbitrary<string> = nastyText): fc.Arbitrary<string> =>
  mix.mostly(
    fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2030-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString()),
    bad,
  );

/** Ids: small pools so events share conversations, with wrong types mixed in. */
export const idFrom = (mix: Mix, prefix: string, n = 3): fc.Arbitrary<unknown> =>
  mix.mostly<unknown>(
    fc.oneof(
      fc.integer({ min: 1, max: n }),
      fc.integer({ min: 1, max: n }).map((i) => `${prefix}${i}`),
    ),
    wrongJson,
  );

/** How a well-formed file is damaged before it is written. */
export type Mangle =
  | { kind: 'none' }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'overwrite'; at: number; bytes: Uint8Array }
  | { kind: 'bom' }
  | { kind: 'crlf' };

const position = fc.nat({ max: 100_000 });
const mangles: fc.Arbitrary<Mangle> = fc.oneof(
  { arbitrary: fc.constant<Mangle>({ kind: 'none' }), weight: 2 },
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({
    kind: fc.constant('overwrite' as const),
    at: position,
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.constant<Mangle>({ kind: 'bom' }),
  fc.constant<Mangle>({ kind: 'crlf' }),
);

/** Clean files stay whole (or only change line endings or gain a BOM); hostile ones may be cut or overwritten. */
export const mangle = (mix: Mix): fc.Arbitrary<Mangle> =>
  mix.hostile
    ? mangles
    : fc.constantFrom<Mangle>({ kind: 'none' }, { kind: 'none' }, { kind: 'bom' }, { kind: 'crlf' });

export function applyMangle(text: string, m: Mangle): Buffer {
  const bytes = Buffer.from(m.kind === 'crlf' ? text.replaceAll('\n', '\r\n') : text, 'utf8');
  const at = 'at' in m && bytes.length > 0 ? m.at % bytes.length : 0;
  switch (m.kind) {
    case 'none':
    case 'crlf':
      return bytes;
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    case 'truncate':
      return bytes.subarray(0, at);
    case 'insert':
      return Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
    case 'overwrite': {
      const copy = Buffer.from(bytes);
      copy.set(m.bytes.subarray(0, Math.max(0, copy.length - at)), at);
      return copy;
    }
  }
}

/** A file's bytes, optionally gzipped (whole or cut short), with the name its reader expects. */
export interface GeneratedFile {
  name: string;
  content: Buffer;
}

export type Packing = 'plain' | 'gzip' | 'gzip-truncated';
export const packing = (mix: Mix): fc.Arbitrary<Packing> =>
  mix.hostile
    ? fc.constantFrom<Packing>('plain', 'plain', 'plain', 'gzip', 'gzip-truncated')
    : fc.constantFrom<Packing>('plain', 'plain', 'gzip');

export function pack(name: string, content: Buffer, how: Packing): GeneratedFile {
  if (how === 'plain') return { name, content };
  const zipped = gzipSync(content);
  return {
    name: `${name}.gz`,
    content: how === 'gzip' ? zipped : zipped.subarray(0, Math.max(2, Math.floor(zipped.length / 2))),
  };
}

/** Raw bytes: a file that is not text at all, sometimes behind a plausible first line. */
export const randomBytes: fc.Arbitrary<Buffer> = fc
  .tuple(
    fc.constantFrom('', '{', '[', '<?xml version="1.0"?>\n', 'conversation_id,timestamp,event_type\n'),
    fc.uint8Array({ minLength: 1, maxLength: 400 }),
  )
  .map(([head, bytes]) => Buffer.concat([Buffer.from(head), bytes]));
