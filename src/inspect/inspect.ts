// `inspect`: what Baton made of the data before any metric: source, mapping, counts, span, samples and quality warnings.
import type { Engine, Row } from '../engine/engine.js';
import type { ImportReport } from '../ingest/import-file.js';
import { type ReassignmentAgreement, reassignmentAgreement } from '../ingest/sources/servicenow-agreement.js';
import { type Problem, problem } from '../model/problem.js';
import { QUALITY_CHECKS } from './quality-checks.js';

export interface Inspection {
  files: Omit<ImportReport, 'problems'>[];
  counts: {
    conversations: number;
    events: number;
    agents: number;
    teams: number;
    channels: number;
    tiers: number;
  };
  span: { first_event: string | null; last_event: string | null; tz: string };
  event_types: Record<string, number>;
  sample: Row[];
  warnings: Problem[];
  /** For ServiceNow exports: how often our group-change count equals ServiceNow's own reassignment_count. */
  servicenow_agreement?: ReassignmentAgreement;
}

/** Columns of the sample rows, in the order they are shown; the SQL that fills them follows this list. */
export const SAMPLE_COLUMNS = Object.freeze([
  'conversation_id',
  'timestamp',
  'event_type',
  'actor',
  'agent_id',
  'team',
  'tier',
  'channel',
  'text',
] as const);

export async function inspect(
  engine: Engine,
  reports: readonly ImportReport[],
  tz: string,
): Promise<Inspection> {
  const counts = await engine.one<Inspection['counts'] & Row>(
    `SELECT (SELECT count(*) FROM conversations) AS conversations, count(*) AS events,
       count(DISTINCT agent_id) AS agents, count(DISTINCT team) AS teams, count(DISTINCT channel) AS channels,
       count(DISTINCT tier) AS tiers FROM events`,
  );
  const span = await engine.one<{ first_event: string | null; last_event: string | null }>(
    `SELECT strftime(min(ts), '%Y-%m-%dT%H:%M:%SZ') AS first_event, strftime(max(ts), '%Y-%m-%dT%H:%M:%SZ') AS last_event FROM events`,
  );
  const types = await engine.all<{ event_type: string; n: number }>(
    'SELECT event_type, count(*) AS n FROM events GROUP BY event_type ORDER BY n DESC',
  );
  const sample = await engine.all(
    `SELECT conversation_id, strftime(ts, '%Y-%m-%dT%H:%M:%SZ') AS timestamp, event_type, actor, agent_id, team, tier, channel,
       left(text, 60) AS text FROM events ORDER BY seq LIMIT 8`,
  );
  const warnings: Problem[] = reports.flatMap((r) => r.problems);
  for (const check of QUALITY_CHECKS) {
    const r = await engine.one<{ n: number; example: string | null }>(check.sql);
    if (r.n > 0) {
      warnings.push(problem(check.code, 'warning', `${check.message} (e.g. ${r.example})`, {}, r.n));
    }
  }
  const agreement = reports.some((r) => r.source === 'servicenow')
    ? await reassignmentAgreement(engine)
    : undefined;
  return {
    ...(agreement ? { servicenow_agreement: agreement } : {}),
    files: reports.map(({ problems: _problems, ...rest }) => rest),
    counts,
    span: { ...span, tz },
    event_types: Object.fromEntries(types.map((t) => [t.event_type, t.n])),
    sample,
    warnings,
  };
}
