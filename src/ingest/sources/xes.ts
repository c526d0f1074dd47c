// XES event logs (IEEE 1849, `.xes` / `.xes.gz`): traces are cases, events become rows in batches, activities event types.
import type { Engine, SqlParams } from '../../engine/engine.js';
import { DataError } from '../../model/errors.js';
import { type Problem, problem } from '../../model/problem.js';
import { EVENT_FIELDS, type EventField } from '../../model/schema.js';
import type { LoadedSource, Source, SourceOptions } from '../source.js';
import { derivedMapping, importRawSql } from './activity-log.js';
import { readOrFail } from './read-or-fail.js';
import { readXes, type XesAttributes, type XesCounts } from './xes-reader.js';

/** Rows per appender batch: large enough to be fast, small enough that the heap stays flat. */
export const XES_BATCH_ROWS = 10_000;

/** Standard extension keys (concept, time, org) for the fields they describe; `trace:` reads the trace. */
const DEFAULT_KEYS: Partial<Record<EventField, string>> = Object.freeze({
  conversation_id: 'trace:concept:name',
  timestamp: 'time:timestamp',
  agent_id: 'org:resource',
  team: 'org:group',
});

interface Plan {
  /** Attribute key for each field, or undefined: then an attribute named like the field fills it. */
  keys: Partial<Record<EventField, string>>;
  activity: string | null;
  lifecycle: string | null;
}

function plan(options: SourceOptions): Plan {
  const keys: Partial<Record<EventField, string>> = { ...DEFAULT_KEYS, ...(options.map ?? {}) };
  // An event_type attribute given by the user wins; otherwise event types come from activities.
  if (options.map?.event_type) return { keys, activity: null, lifecycle: null };
  delete keys.event_type;
  delete keys.actor;
  return options.activity
    ? { keys, activity: options.activity, lifecycle: null }
    : { keys, activity: 'concept:name', lifecycle: 'lifecycle:transition' };
}

const BY_NAME = new Map(EVENT_FIELDS.map((f) => [f, f]));

function rowOf(attributes: XesAttributes, ordinal: number, p: Plan): (string | null)[] {
  const row: (string | null)[] = [String(ordinal)];
  let byName: Map<string, string> | null = null;
  for (const field of EVENT_FIELDS) {
    const key = p.keys[field];
    if (key !== undefined) {
      row.push(attributes.get(key) ?? null);
      continue;
    }
    if (!byName) {
      byName = new Map();
      for (const [k, v] of attributes) {
        const f = BY_NAME.get(k.toLowerCase() as EventField);
        if (f && p.keys[f] === undefined) byName.set(f, v);
      }
    }
    row.push(field === 'event_type' && p.activity ? null : (byName.get(field) ?? null));
  }
  row.push(p.activity ? (attributes.get(p.activity) ?? null) : null);
  row.push(p.lifecycle ? (attributes.get(p.lifecycle) ?? null) : null);
  return row;
}

function checkKeys(file: string, p: Plan, options: SourceOptions, counts: XesCounts): Problem[] {
  const asked = Object.entries(options.map ?? {}).map(([field, key]) => [`--map ${field}=${key}`, key]);
  if (options.activity) asked.push([`--activity ${options.activity}`, options.activity]);
  const known = [...counts.keys].sort().join(', ');
  const missing = asked.filter(([, key]) => key !== undefined && !counts.keys.has(key));
  if (missing.length) {
    throw new DataError(
      `Cannot read ${file}: its attributes do not fit.`,
      missing.map(([option, key]) =>
        problem(
          'unknown-attribute',
          'error',
          `${option}: no event or trace (trace:KEY) has the attribute '${key}'. Its attributes: ${known}`,
          { file },
        ),
      ),
    );
  }
  const warnings: Problem[] = [];
  const used = [...Object.values(p.keys), p.activity, p.lifecycle];
  for (const key of new Set(used)) {
    if (key && counts.keys.has(key) && !counts.explicit.has(key)) {
      warnings.push(
        problem(
          'xes-global-default-only',
          'warning',
          `no event has its own '${key}': every value is the <global> default, so it says nothing about the case`,
          { file, field: key },
          counts.events,
        ),
      );
    }
  }
  if (counts.nestedSkipped > 0) {
    warnings.push(
      problem(
        'xes-nested-attribute-skipped',
        'warning',
        `list, container and meta-attributes inside traces and events were skipped (first: '${counts.nestedExample}')`,
        { file },
        counts.nestedSkipped,
      ),
    );
  }
  if (counts.eventsOutsideTraces > 0) {
    warnings.push(
      problem(
        'xes-event-outside-trace',
        'warning',
        'events outside any <trace> belong to no case unless conversation_id is mapped to an event attribute',
        { file },
        counts.eventsOutsideTraces,
      ),
    );
  }
  return warnings;
}

export const xesSource: Source = {
  id: 'xes',
  title: 'XES event log (IEEE 1849), plain or gzip',
  sniff(head: string): boolean {
    const start = head.replace(/^\uFEFF/, '').trimStart();
    if (!start.startsWith('<?xml') && !start.startsWith('<log')) return false;
    const log = /<log\b[^>]*>/.exec(start)?.[0] ?? '';
    return /\bxes\.version\s*=/.test(log) || /xmlns\s*=\s*["']https?:\/\/(www\.)?xes-standard\.org/.test(log);
  },
  async load(engine: Engine, file: string, options: SourceOptions): Promise<LoadedSource> {
    const p = plan(options);
    const columns = [...EVENT_FIELDS.map((f) => `raw_${f}`), 'activity_name', 'activity_lifecycle'];
    await engine.run('DROP TABLE IF EXISTS xes_raw');
    await engine.run(
      `CREATE TEMP TABLE xes_raw (source_row BIGINT, ${columns.map((c) => `${c} VARCHAR`).join(', ')})`,
    );
    let batch: (string | null)[][] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      await engine.appendRows('xes_raw', rows, { temp: true });
    };
    const counts = await readOrFail(file, () =>
      readXes(
        file,
        (attributes, ordinal) => {
          batch.push(rowOf(attributes, ordinal, p));
          return batch.length >= XES_BATCH_ROWS;
        },
        flush,
      ),
    );
    const problems = checkKeys(file, p, options, counts);
    const trimmed = EVENT_FIELDS.map((f) => `nullif(trim(raw_${f}), '') AS raw_${f}`);
    const activity =
      "nullif(concat_ws('/', nullif(trim(activity_name), ''), nullif(trim(activity_lifecycle), '')), '')";
    const inner = `SELECT source_row, ${trimmed.join(', ')}, ${activity} AS raw_activity FROM xes_raw`;
    const params: SqlParams = {};
    await engine.run(
      importRawSql(inner, options, params, { activity: p.activity !== null, withSourceRow: true }),
      params,
    );
    await engine.run('DROP TABLE xes_raw');
    const mapping: Record<string, string> = {};
    for (const field of EVENT_FIELDS) {
      const key = p.keys[field];
      if (key !== undefined && counts.keys.has(key)) mapping[field] = key;
    }
    const activityFrom = p.activity ? [p.activity, p.lifecycle].filter(Boolean).join('+') : null;
    return { mapping: derivedMapping(options, activityFrom, mapping), parseErrors: [], problems };
  },
};
