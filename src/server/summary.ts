// The dashboard's summary: the analyze result, narrowed by the filters wherever the catalog allows it.
import {
  analyze,
  type DataSummary,
  mostFailedTeamPairs,
  type TeamPairFailures,
} from '../analysis/analyze.js';
import { FUNNEL_TABLES, type FunnelRow, funnelSql } from '../analysis/funnel.js';
import { type PathRow, topPaths } from '../analysis/paths.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { catalog } from '../metrics/registry.js';
import type { Grain, MetricValue } from '../metrics/types.js';
import { HANDOFF_TIME_EDGES } from '../report/handoff-time-histogram.js';
import { keptConversations, rowConditions } from './conditions.js';
import { runFilteredQuery } from './filtered-query.js';
import { type Filters, filtersFit, hasFilters } from './filters.js';
import { HANDOFF_TIME_BUCKET } from './server-dimensions.js';

export interface HandoffTimeBucket {
  bucket: number;
  from_s: number;
  /** Exclusive upper edge; null for the open last bucket. */
  to_s: number | null;
  handoffs: number;
}

export interface Summary {
  filters: Filters;
  data: DataSummary;
  /** Catalog metrics the filters apply to (a handoff filter cannot narrow a per-conversation rate). */
  metrics: Record<string, MetricValue>;
  /** What could not be narrowed by the filters, with the filter dimensions that do not fit it. */
  not_applicable: Record<string, string[]>;
  /** Over the conversations the filters keep; a handoff-only filter keeps conversations with such a handoff. */
  funnel: FunnelRow[];
  paths: { channel: PathRow[]; team: PathRow[] } | null;
  failed_team_pairs: TeamPairFailures[] | null;
  /** Completed handoffs by wait, the values behind handoff_time_median_s. */
  handoff_time: HandoffTimeBucket[] | null;
}

const TOP = 10;

/** `imports` is where the import bookkeeping lives (the embedded DuckDB), when `engine` is a warehouse. */
export async function summary(
  engine: SqlEngine,
  filters: Filters,
  tz: string,
  imports: SqlEngine = engine,
): Promise<Summary> {
  const misfits = (grain: Grain) =>
    Object.keys(filters.where).filter((id) => catalog.dimension(id)?.sql[grain] === undefined);
  const not_applicable: Record<string, string[]> = {};
  const handoffTime = filtersFit(filters, 'handoff') ? await histogram(engine, filters, tz) : null;
  if (!handoffTime) not_applicable.handoff_time = misfits('handoff');
  if (!hasFilters(filters)) {
    return {
      filters,
      ...(await analyze(engine, { tz, top: TOP, imports })),
      not_applicable,
      handoff_time: handoffTime,
    };
  }
  const fitting = catalog.metrics.filter((m) => filtersFit(filters, m.grain));
  for (const m of catalog.metrics) if (!fitting.includes(m)) not_applicable[m.id] = misfits(m.grain);
  const headline = fitting.length
    ? await runFilteredQuery(engine, { metrics: fitting.map((m) => m.id), filters, tz })
    : undefined;
  const conversationsFit = filtersFit(filters, 'conversation');
  if (!conversationsFit) not_applicable.paths = misfits('conversation');
  const handoffsFit = filtersFit(filters, 'handoff');
  if (!handoffsFit) not_applicable.failed_team_pairs = misfits('handoff');
  return {
    filters,
    data: await dataSummary(engine, imports),
    metrics: headline?.rows[0]?.values ?? {},
    not_applicable,
    funnel: await filteredFunnel(engine, filters, tz),
    paths: conversationsFit
      ? {
          channel: await paths(engine, 'channel', filters, tz),
          team: await paths(engine, 'team', filters, tz),
        }
      : null,
    failed_team_pairs: handoffsFit ? await failedTeamPairs(engine, filters, tz) : null,
    handoff_time: handoffTime,
  };
}

// The data's coverage does not depend on the filters, and the server never writes: read it once per engine.
const coverage = new WeakMap<SqlEngine, DataSummary>();

async function dataSummary(engine: SqlEngine, imports: SqlEngine): Promise<DataSummary> {
  const known = coverage.get(engine);
  if (known) return known;
  const data = (await analyze(engine, { top: 0, imports })).data;
  coverage.set(engine, data);
  return data;
}

// The funnel's tables, each read from a CTE of the kept conversations' rows, named kept_<table>: a CTE named like
// its table would need the table qualified (main. in DuckDB), and a warehouse's temporary tables have no such name.

/** The analysis's funnel SQL over CTEs that hold the kept conversations' rows of its three tables. */
async function filteredFunnel(engine: SqlEngine, filters: Filters, tz: string): Promise<FunnelRow[]> {
  const kept = keptConversations(engine.dialect, filters, tz);
  const funnel = funnelSql(engine.dialect, 'kept_');
  const sql = `WITH kept AS (${kept.sql}),
  ${FUNNEL_TABLES.map((t) => `kept_${t} AS (SELECT * FROM ${t} WHERE conversation_id IN (SELECT conversation_id FROM kept))`).join(',\n  ')}
  ${funnel}`;
  return engine.all<FunnelRow & Record<string, number | string>>(sql, kept.params);
}

/** The same top paths as analyze (one definition of resolved and abandoned), over the conversations kept. */
function paths(engine: SqlEngine, by: 'channel' | 'team', filters: Filters, tz: string): Promise<PathRow[]> {
  const c = rowConditions(engine.dialect, 'conversation', filters.where, filters, tz);
  return topPaths(engine, by, TOP, { conditions: c.sql, params: c.params });
}

async function failedTeamPairs(engine: SqlEngine, filters: Filters, tz: string): Promise<TeamPairFailures[]> {
  const pairs = await runFilteredQuery(engine, {
    metrics: ['handoff_success_rate'],
    by: ['team_pair'],
    filters,
    tz,
  });
  return mostFailedTeamPairs(pairs.rows, TOP);
}

async function histogram(engine: SqlEngine, filters: Filters, tz: string): Promise<HandoffTimeBucket[]> {
  const result = await runFilteredQuery(engine, { metrics: ['handoff_time_median_s'], filters, tz }, [
    HANDOFF_TIME_BUCKET,
  ]);
  const counts = new Map(
    result.rows.map((r) => [
      Number(r.dimensions.handoff_time_bucket),
      r.values.handoff_time_median_s?.denominator ?? 0,
    ]),
  );
  return HANDOFF_TIME_EDGES.map((from, i) => ({
    bucket: i,
    from_s: from,
    to_s: HANDOFF_TIME_EDGES[i + 1] ?? null,
    handoffs: counts.get(i) ?? 0,
  }));
}
