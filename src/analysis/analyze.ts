// The analysis a support lead reads first: data coverage, every headline metric, the funnel, routes and failing team pairs.
import type { SqlEngine } from '../engine/sql-engine.js';
import { type QueryRow, runQuery } from '../metrics/query.js';
import { catalog } from '../metrics/registry.js';
import type { MetricValue } from '../metrics/types.js';
import { channelFunnel, type FunnelRow } from './funnel.js';
import { type PathRow, topPaths } from './paths.js';

export interface DataSummary {
  conversations: number;
  events: number;
  rejected_rows: number;
  duplicate_rows: number;
  /** Conversations with no assign events, whose owners were read from who replied. */
  implicit_conversations: number;
  first_event: string | null;
  last_event: string | null;
}

export interface TeamPairFailures {
  team_pair: string;
  handoffs: number;
  failed: number;
  success_rate: number | null;
  ci95: [number, number] | null;
}

export interface Analysis {
  data: DataSummary;
  metrics: Record<string, MetricValue>;
  funnel: FunnelRow[];
  paths: { channel: PathRow[]; team: PathRow[] };
  failed_team_pairs: TeamPairFailures[];
}

export interface AnalyzeOptions {
  tz?: string;
  /** Where the import bookkeeping (rejects, repeated rows) lives when the analysis runs on another engine. */
  imports?: SqlEngine;
  /** Rows in each top list. */
  top?: number;
}

export async function analyze(engine: SqlEngine, options: AnalyzeOptions = {}): Promise<Analysis> {
  const top = options.top ?? 10;
  const tz = options.tz ?? 'UTC';
  const headline = await runQuery(engine, { metrics: catalog.metrics.map((m) => m.id), tz });
  const metrics = headline.rows[0]?.values ?? {};
  const pairs = await runQuery(engine, { metrics: ['handoff_success_rate'], by: ['team_pair'], tz });
  const failed_team_pairs = mostFailedTeamPairs(pairs.rows, top);
  return {
    data: await dataSummary(engine, options.imports ?? engine),
    metrics,
    funnel: await channelFunnel(engine),
    paths: { channel: await topPaths(engine, 'channel', top), team: await topPaths(engine, 'team', top) },
    failed_team_pairs,
  };
}

/** Team pairs ranked by failed handoffs, from `handoff_success_rate` by `team_pair` rows. */
export function mostFailedTeamPairs(rows: readonly QueryRow[], top: number): TeamPairFailures[] {
  return rows
    .map((r) => {
      const v = r.values.handoff_success_rate!;
      const handoffs = v.denominator ?? 0;
      return {
        team_pair: String(r.dimensions.team_pair),
        handoffs,
        failed: handoffs - (v.numerator ?? 0),
        success_rate: v.value,
        ci95: v.ci95,
      };
    })
    .filter((p) => p.failed > 0)
    .sort((a, b) => b.failed - a.failed || a.team_pair.localeCompare(b.team_pair))
    .slice(0, top);
}

// Counts of what was imported come from the import's own tables, which only exist where Baton imported files.
async function dataSummary(engine: SqlEngine, imports: SqlEngine): Promise<DataSummary> {
  const d = engine.dialect;
  const data = await engine.one<
    Omit<DataSummary, 'rejected_rows' | 'duplicate_rows'> & Record<string, number | string | null>
  >(
    `SELECT (SELECT count(*) FROM conversations) AS conversations,
       (SELECT count(*) FROM events) AS events,
       (SELECT count(*) FROM conversations WHERE implicit) AS implicit_conversations,
       (SELECT ${d.isoText('min(ts)')} FROM events) AS first_event,
       (SELECT ${d.isoText('max(ts)')} FROM events) AS last_event`,
  );
  const imported = (await imports.tableExists('baton_imports'))
    ? await imports.one<{ rejected_rows: number; duplicate_rows: number }>(
        `SELECT (SELECT count(*) FROM rejects) AS rejected_rows,
           (SELECT coalesce(sum(rows_duplicate), 0) FROM baton_imports) AS duplicate_rows`,
      )
    : { rejected_rows: 0, duplicate_rows: 0 };
  return {
    conversations: data.conversations,
    events: data.events,
    rejected_rows: imported.rejected_rows,
    duplicate_rows: imported.duplicate_rows,
    implicit_conversations: data.implicit_conversations,
    first_event: data.first_event,
    last_event: data.last_event,
  };
}
