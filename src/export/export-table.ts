// Writes the derived handoff or conversation table to CSV, NDJSON or Parquet: the export helpdesks rarely give.
import type { Engine } from '../engine/engine.js';
import { quoteLiteral } from '../engine/identifiers.js';
import { UsageError } from '../model/errors.js';

export const EXPORTS = Object.freeze({
  handoffs: `SELECT conversation_id, handoff_no, strftime(handoff_at, '%Y-%m-%dT%H:%M:%SZ') AS handoff_at,
    from_agent, to_agent, from_team, to_team, from_tier, to_tier, from_channel, to_channel, kind, is_escalation,
    implicit, completed, handoff_time_s, success, is_return, abandoned_after, transfer_type, reason
    FROM handoffs ORDER BY conversation_id, handoff_no`,
  conversations: `SELECT conversation_id, handoff_count, return_count, escalation_count, channel_path, team_path, outcome,
    resolved, abandoned, reopened, fcr AS first_contact_resolution,
    strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at, strftime(resolved_at, '%Y-%m-%dT%H:%M:%SZ') AS resolved_at,
    first_response_s, resolution_s, csat, start_channel, final_channel, start_team, final_team, customer_id, segment,
    category, priority, implicit, events
    FROM conversations ORDER BY conversation_id`,
  rejects: `SELECT source_file, source_row, source_line, code, field, value, message FROM rejects
    ORDER BY import_id, source_row, source_line`,
});
export type ExportKind = keyof typeof EXPORTS;

const FORMATS: Readonly<Record<string, string>> = Object.freeze({
  csv: 'FORMAT csv, HEADER true',
  ndjson: 'FORMAT json',
  jsonl: 'FORMAT json',
  parquet: 'FORMAT parquet',
});

export async function exportTable(
  engine: Engine,
  kind: string,
  out: string,
): Promise<{ rows: number; path: string }> {
  const query = EXPORTS[kind as ExportKind];
  if (!query)
    throw new UsageError(`Cannot export '${kind}'. Export one of: ${Object.keys(EXPORTS).join(', ')}.`);
  const ext = out.toLowerCase().slice(out.lastIndexOf('.') + 1);
  const format = FORMATS[ext];
  if (!format) throw new UsageError(`Name the output .csv, .ndjson or .parquet (got '${out}').`);
  await engine.run(`COPY (${query}) TO ${quoteLiteral(out)} (${format})`);
  const rows = (await engine.one<{ n: number }>(`SELECT count(*) AS n FROM (${query})`)).n;
  return { rows, path: out };
}
