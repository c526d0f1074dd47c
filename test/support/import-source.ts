// Test helper: import files with one given source into a fresh in-memory engine, derive, and hand both over.
import { Engine } from '../../src/engine/engine.js';
import { deriveHandoffs } from '../../src/handoffs/derive.js';
import { type ImportReport, importWithSource } from '../../src/ingest/import-file.js';
import type { Source, SourceOptions } from '../../src/ingest/source.js';
import { SCHEMA_SQL } from '../../src/model/schema.js';

export async function withSourceImport<T>(
  source: Source,
  files: readonly string[],
  options: SourceOptions,
  work: (engine: Engine, reports: ImportReport[]) => Promise<T>,
): Promise<T> {
  const engine = await Engine.open();
  try {
    await engine.run(SCHEMA_SQL);
    const reports: ImportReport[] = [];
    for (const file of files) reports.push(await importWithSource(engine, file, source, options));
    await deriveHandoffs(engine);
    return await work(engine, reports);
  } finally {
    engine.close();
  }
}

/** One event as the JSON importer tests compare them: row, conversation, time, type, actor, agent, team, channel, text, csat. */
export type EventTuple = [
  number,
  string,
  string,
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  number | null,
];

/** The imported events as tuples, the time formatted with `timeFormat` (strftime). */
export async function eventTuples(engine: Engine, timeFormat: string): Promise<unknown[][]> {
  const rows = await engine.all(
    `SELECT source_row, conversation_id, strftime(ts, $format) AS ts, event_type, actor, agent_id, team, channel, text, csat
     FROM events ORDER BY conversation_id, ts, seq`,
    { format: timeFormat },
  );
  return rows.map((r) => Object.values(r));
}
