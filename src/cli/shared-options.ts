// Options shared by the commands that read data, and the code that opens Baton from them.
import { Baton } from '../baton.js';
import { DEFAULT_BUSINESS_HOURS, parseBusinessHours } from '../diagnose/business-hours.js';
import { parseEngineName } from '../engine/open-warehouse.js';
import { parseMapOptions } from '../ingest/column-map.js';
import type { ImportReport } from '../ingest/import-file.js';
import { useBusinessHours } from '../metrics/dimensions.js';
import { UsageError } from '../model/errors.js';
import { formatProblem } from '../model/problem.js';
import { type Io, list, type OptionSpec, str, type Values } from './command.js';
import { applyMappingFile, saveMappingFile } from './mapping-file.js';

/**
 * Keeps a 10-million-event analysis under 4 GB of RAM; raise it for speed on big machines. The process grows
 * past DuckDB's limit: under 2.5GB a 10M analysis peaked at 2.9-3.1 GiB, and 3GB (3.4-3.6 GiB) was no faster.
 */
export const DEFAULT_MEMORY_LIMIT = '2.5GB';

export const DATA_OPTIONS: Record<string, OptionSpec> = {
  db: {
    type: 'string',
    value: 'FILE',
    description: 'DuckDB file: keeps imported data so later commands re-query it.',
  },
  tz: {
    type: 'string',
    value: 'ZONE',
    description:
      'Business time zone (IANA): naive timestamps are read in it; hour/weekday/date use it. Default UTC.',
  },
  map: {
    type: 'string',
    multiple: true,
    value: 'FIELD=COLUMN',
    description: 'Read a field from a differently named column, e.g. --map conversation_id=ticket_id.',
  },
  source: {
    type: 'string',
    value: 'NAME',
    description:
      'Importer: generic, zendesk, intercom, servicenow, twitter or xes. Detected from the content when absent.',
  },
  format: {
    type: 'string',
    value: 'csv|ndjson|parquet',
    description: 'Input format when the file name does not tell.',
  },
  'business-hours': {
    type: 'string',
    value: 'SPEC',
    description: `Working days and hours in --tz, like '${DEFAULT_BUSINESS_HOURS}' (the default): the business_hours dimension and diagnose use them.`,
  },
  'date-format': {
    type: 'string',
    value: 'FORMAT',
    description: "Timestamps a spreadsheet re-formatted, as strptime, e.g. '%d/%m/%Y %H:%M' (read in --tz).",
  },
  'tier-from': {
    type: 'string',
    value: 'REGEX',
    description:
      "Tier from the team name: the first capture group (or the match), e.g. ' (2nd|3rd)$'; unmatched teams are tier 1.",
  },
  activity: {
    type: 'string',
    value: 'COLUMN',
    description: 'Activity log (no event_type column): the column or XES attribute naming the activity.',
  },
  'resolve-activities': {
    type: 'string',
    value: 'REGEX',
    description: 'Activities that resolve the case (default: closed, resolved, completed ...).',
  },
  'reopen-activities': { type: 'string', value: 'REGEX', description: 'Activities that reopen the case.' },
  'owner-activities': {
    type: 'string',
    value: 'REGEX',
    description:
      'Activities whose performer owns the case; others are notes (a closing clerk is not an owner).',
  },
  mapping: {
    type: 'string',
    value: 'FILE',
    description: 'Read source, --map and activity options from a JSON preset (options given here win).',
  },
  'save-mapping': {
    type: 'string',
    value: 'FILE',
    description: 'Save the mapping options in effect to a JSON preset.',
  },
  strict: { type: 'boolean', description: 'Fail (exit 3) if any row is rejected.' },
  redact: {
    type: 'boolean',
    description:
      'Mask e-mail addresses, phone and card-like numbers in imported text (ids become pseudonyms), so no output shows them.',
  },
  rejects: {
    type: 'string',
    value: 'FILE',
    description:
      'Where rejected rows go with their reasons (.csv/.ndjson). Default when rows are rejected: next to --out or --db.',
  },
  'memory-limit': {
    type: 'string',
    value: 'SIZE',
    description: `DuckDB memory limit; past it DuckDB spills to disk. Default ${DEFAULT_MEMORY_LIMIT}.`,
  },
  quiet: { type: 'boolean', short: 'q', description: 'No progress messages on stderr.' },
};

/** For every command that reads data: where derivation and analysis run. */
export const ENGINE_OPTIONS: Record<string, OptionSpec> = {
  engine: {
    type: 'string',
    value: 'duckdb|clickhouse|postgres',
    description:
      'Where derivation and metrics run (default duckdb, embedded). clickhouse without --url runs embedded (chdb); files given are imported into it.',
  },
  url: {
    type: 'string',
    value: 'URL',
    description:
      'The server for --engine: postgres://USER@HOST:PORT/DB or http://HOST:8123. Without files, reads its events table (or view) and writes the derived tables beside it.',
  },
  'read-only': {
    type: 'boolean',
    description:
      'With --url and no files: write nothing to the warehouse; derived tables are temporary, built again by each command.',
  },
  schema: {
    type: 'string',
    value: 'NAME',
    description:
      'PostgreSQL schema or ClickHouse database holding events and the derived tables (created if missing).',
  },
};

/** Opens Baton and imports the given files; with --db and no files, reads what the database already holds. */
export async function openWithData(
  values: Values,
  files: readonly string[],
  io: Io,
  options: {
    silent?: boolean;
    /** False when the command never reads message text: a scratch database is then spared it. */
    text?: boolean;
  } = {},
): Promise<{ baton: Baton; reports: ImportReport[] }> {
  values = await applyMappingFile(values);
  const save = str(values['save-mapping']);
  if (save) await saveMappingFile(save, values);
  const db = str(values.db);
  const engineText = str(values.engine);
  const engine = engineText === undefined ? undefined : parseEngineName(engineText);
  const warehouse = engine !== undefined && engine !== 'duckdb';
  const url = str(values.url);
  const schema = str(values.schema);
  if (!warehouse && (url || schema))
    throw new UsageError('--url and --schema need --engine clickhouse or --engine postgres.');
  if (warehouse && db)
    throw new UsageError('--db is a DuckDB file: it does not go with --engine ' + engine + '.');
  if (files.length === 0 && !db && !(warehouse && url)) {
    throw new UsageError(
      'Give at least one data file, or --db FILE holding data imported earlier, or --engine with --url to read a warehouse.',
    );
  }
  const map = parseMapOptions(list(values.map));
  const tz = str(values.tz);
  const memoryLimit = str(values['memory-limit']) ?? DEFAULT_MEMORY_LIMIT;
  const hoursText = str(values['business-hours']);
  // Parsed before anything is opened, so a bad spec is a usage error with nothing to clean up.
  const hours = hoursText === undefined ? undefined : parseBusinessHours(hoursText);
  const baton = await Baton.open({
    ...(db ? { db } : { scratch: true }),
    ...(tz ? { tz } : {}),
    memoryLimit,
    ...(warehouse ? { engine } : {}),
    ...(warehouse && url ? { url } : {}),
    ...(warehouse && schema ? { namespace: schema } : {}),
    ...(values['read-only'] === true ? { readOnly: true } : {}),
  });
  try {
    if (hours) await useBusinessHours(baton.analysisEngine, hours);
    const quiet = values.quiet === true;
    const format = str(values.format);
    const source = str(values.source);
    const passThrough = {
      tierFrom: str(values['tier-from']),
      dateFormat: str(values['date-format']),
      activity: str(values.activity),
      resolveActivities: str(values['resolve-activities']),
      reopenActivities: str(values['reopen-activities']),
      ownerActivities: str(values['owner-activities']),
    };
    const reports = files.length
      ? await baton.import(files, {
          map,
          ...(format ? { format } : {}),
          ...(source ? { source } : {}),
          ...Object.fromEntries(Object.entries(passThrough).filter(([, v]) => v !== undefined)),
          strict: values.strict === true,
          redact: values.redact === true,
          // Only a scratch database dies with the command; a --db file or a warehouse keeps the text for later.
          withoutText: options.text === false && !db && !warehouse,
          ...(quiet ? {} : { onProgress: (m: string) => io.err(`baton: ${m}`) }),
        })
      : [];
    await writeRejects(baton, values, reports, io);
    // inspect shows the problems itself; other commands warn on stderr.
    if (!options.silent)
      for (const r of reports) for (const p of r.problems) io.err(`baton: ${formatProblem(p)}`);
    return { baton, reports };
  } catch (error) {
    await baton.close();
    throw error;
  }
}

export function writeJson(io: Io, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/** Rejected rows are never only a count: they go to a file, named by --rejects or placed next to the output. */
async function writeRejects(
  baton: Baton,
  values: Values,
  reports: readonly ImportReport[],
  io: Io,
): Promise<void> {
  const rejected = reports.reduce((n, r) => n + r.rejected, 0);
  const output = str(values.out) ?? str(values.db);
  const path = str(values.rejects) ?? (rejected > 0 && output ? `${output}.rejects.csv` : undefined);
  if (!path) {
    if (rejected > 0)
      io.err(`baton: ${rejected} rows were rejected; --rejects FILE writes them with their reasons`);
    return;
  }
  const written = await baton.export('rejects', path);
  io.err(`baton: wrote ${written.rows} rejected rows with their reasons to ${path}`);
}
