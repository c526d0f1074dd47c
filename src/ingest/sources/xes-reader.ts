// Streams an XES log (IEEE 1849, plain or gzip) event by event with saxes: the file is never held whole.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DataError } from '../../model/errors.js';
import { problem } from '../../model/problem.js';

const ATTRIBUTE_TAGS = new Set(['string', 'date', 'int', 'float', 'boolean', 'id']);
const NESTED_TAGS = new Set(['list', 'container']);

/** One event with the attributes in effect: its trace's (keyed `trace:<key>`) and its own, globals applied. */
export type XesAttributes = ReadonlyMap<string, string>;

export interface XesCounts {
  events: number;
  traces: number;
  /** list/container attributes (and meta-attributes under traces and events) that were skipped. */
  nestedSkipped: number;
  nestedExample: string | null;
  /** Events outside any trace: they belong to no case. */
  eventsOutsideTraces: number;
  /** Every attribute key seen on events (`trace:<key>` for trace attributes), for mapping messages. */
  keys: Set<string>;
  /** Events (or traces, for `trace:<key>`) that carry the key themselves rather than by a global default. */
  explicit: Map<string, number>;
}

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * Calls `onEvent` for each event in file order (1-based ordinal) and awaits `flush` whenever `onEvent`
 * asks for it (returns true), so rows leave the heap in batches while the stream waits.
 */
export async function readXes(
  file: string,
  onEvent: (attributes: XesAttributes, ordinal: number) => boolean,
  flush: () => Promise<void>,
): Promise<XesCounts> {
  const raw = createReadStream(file);
  const stream: Readable = (await isGzip(file)) ? raw.pipe(createGunzip()) : raw;
  stream.setEncoding('utf8');
  const parser = new SaxesParser({ xmlns: false, fileName: file });
  const counts: XesCounts = {
    events: 0,
    traces: 0,
    nestedSkipped: 0,
    nestedExample: null,
    eventsOutsideTraces: 0,
    keys: new Set(),
    explicit: new Map(),
  };
  const fail = (message: string, code = 'bad-xes') => {
    throw new DataError(`Cannot read ${file}: ${message} (line ${parser.line})`, [
      problem(code, 'error', message, { file, line: parser.line }),
    ]);
  };
  const globals = { trace: new Map<string, string>(), event: new Map<string, string>() };
  let trace: Map<string, string> | null = null;
  let event: Map<string, string> | null = null;
  let globalScope: Map<string, string> | null = null;
  // Depth of attribute elements open under the current owner (trace, event or global); >0 means nested.
  let attributeDepth = 0;
  let skipDepth = 0;
  let sawRoot = false;
  let pendingFlush = false;

  parser.on('doctype', (doctype) => {
    // XES has no DTD; a DOCTYPE can only bring entity definitions (billion laughs, external files).
    const entities = /<!ENTITY/i.test(doctype);
    fail(
      entities
        ? 'the file declares XML entities in a DOCTYPE; entity declarations are refused'
        : 'the file has a DOCTYPE; XES logs have none, and DOCTYPEs are refused',
      entities ? 'xml-entity-refused' : 'xml-doctype-refused',
    );
  });
  parser.on('error', (error) => fail(error.message.replace(/^.*?:\d+:\d+: /, '')));
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = tag.name.slice(tag.name.indexOf(':') + 1);
    if (!sawRoot) {
      if (name !== 'log') fail(`the root element is <${tag.name}>, not an XES <log>`);
      sawRoot = true;
      return;
    }
    if (skipDepth > 0) {
      skipDepth++;
      return;
    }
    const owner = event ?? globalScope ?? trace;
    if (ATTRIBUTE_TAGS.has(name) || NESTED_TAGS.has(name)) {
      if (!owner) {
        // Log-level attributes (and their meta-attributes) describe the file, not a case.
        skipDepth = 1;
        return;
      }
      if (attributeDepth > 0 || NESTED_TAGS.has(name)) {
        if (owner !== globalScope) {
          counts.nestedSkipped++;
          counts.nestedExample ??= String(tag.attributes.key ?? name);
        }
        skipDepth = 1;
        return;
      }
      attributeDepth = 1;
      const key = tag.attributes.key;
      const value = tag.attributes.value;
      if (typeof key === 'string' && typeof value === 'string') {
        owner.set(key, value);
        if (owner !== globalScope) {
          const counted = owner === event ? key : `trace:${key}`;
          counts.explicit.set(counted, (counts.explicit.get(counted) ?? 0) + 1);
        }
      }
      return;
    }
    if (name === 'trace' && !trace && !globalScope) {
      trace = new Map(globals.trace);
      counts.traces++;
    } else if (name === 'event' && !event && !globalScope) {
      event = new Map(globals.event);
    } else if (name === 'global' && !trace) {
      globalScope = tag.attributes.scope === 'trace' ? globals.trace : globals.event;
    } else {
      // extension, classifier and anything unknown: nothing a case needs.
      skipDepth = 1;
    }
  });
  parser.on('closetag', () => {
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    if (attributeDepth > 0) {
      attributeDepth = 0;
      return;
    }
    if (globalScope) {
      globalScope = null;
    } else if (event) {
      counts.events++;
      if (!trace) counts.eventsOutsideTraces++;
      const row = new Map<string, string>();
      if (trace) for (const [k, v] of trace) row.set(`trace:${k}`, v);
      for (const [k, v] of event) row.set(k, v);
      if (counts.keys.size < 2000) for (const k of row.keys()) counts.keys.add(k);
      event = null;
      if (onEvent(row, counts.events)) pendingFlush = true;
    } else if (trace) {
      trace = null;
    }
  });

  try {
    for await (const chunk of stream) {
      parser.write(chunk as string);
      if (pendingFlush) {
        pendingFlush = false;
        await flush();
      }
    }
    parser.close();
  } finally {
    raw.destroy();
    stream.destroy();
  }
  if (!sawRoot) fail('the file holds no XES <log> element');
  await flush();
  return counts;
}
