// Gathers everything the report shows through the Baton API and the metric catalog; renderers only format it.

import type { DataSummary } from '../analysis/analyze.js';
import type { FunnelRow } from '../analysis/funnel.js';
import type { Baton } from '../baton.js';
import { type BenchmarkComparison, compareToBenchmark } from '../benchmarks/compare.js';
import { type Diagnosis, diagnose } from '../diagnose/diagnose.js';
import type { SqlValue } from '../engine/engine.js';
import { catalog } from '../metrics/registry.js';
import type { MetricValue, Unit } from '../metrics/types.js';
import { shrinkRates } from '../stats/shrinkage.js';
import { type HistogramBucket, handoffTimeHistogram } from './handoff-time-histogram.js';

export interface ReportMetric extends MetricValue {
  id: string;
  title: string;
  definition: string;
  unit: Unit;
}

/** Conversations that took one route (channels or teams) and ended one way. */
export interface FlowPath {
  sequence: string[];
  outcome: string;
  conversations: number;
}

export interface TeamPairRow {
  from_team: string;
  to_team: string;
  handoffs: number;
  success_rate: MetricValue | null;
}

/** Two teams that hand conversations to each other in both directions. */
export interface PingPongPair {
  team_a: string;
  team_b: string;
  a_to_b: number;
  b_to_a: number;
}

export interface HourWeekdayCell {
  weekday: string;
  hour: number;
  handoffs: number;
  handoff_time_median_s: MetricValue | null;
}

export interface ByHandoffCountRow {
  handoff_count: number;
  conversations: number;
  resolution_time_median_s: MetricValue | null;
  csat_avg: MetricValue | null;
}

/** One agent or team: handoffs it made, and how the handoffs it received went. */
export interface OwnerRow {
  name: string;
  handed_on: number;
  received: number;
  success_rate: MetricValue | null;
  /**
   * Success rate shrunk towards the operation's (empirical-Bayes beta-binomial), so a handful of handoffs
   * cannot put anyone at the top or bottom by chance; null without received handoffs.
   */
  shrunk_success_rate: { value: number; ci95: [number, number] } | null;
}

export interface ReportData {
  title: string;
  tz: string;
  data: DataSummary;
  metrics: ReportMetric[];
  benchmark: BenchmarkComparison | null;
  funnel: FunnelRow[];
  flows: { channel: FlowPath[]; team: FlowPath[] };
  team_pairs: TeamPairRow[];
  ping_pong_pairs: PingPongPair[];
  hour_weekday: HourWeekdayCell[];
  handoff_time_histogram: HistogramBucket[];
  by_handoff_count: ByHandoffCountRow[];
  agents: OwnerRow[];
  teams: OwnerRow[];
  /** `baton diagnose` over the same data; null when left out (--no-diagnosis). */
  diagnosis: Diagnosis | null;
}

export interface ReportOptions {
  title?: string;
  /** Benchmark segment id or label (see `baton analyze --benchmark`). */
  benchmark?: string;
  /** Run the diagnosis and show its findings and the monthly cost (default true). */
  diagnosis?: boolean;
  /** Business hours for the diagnosis, like 'Mon-Fri 08:00-18:00'. */
  businessHours?: string;
}

const str = (v: SqlValue | undefined) => (v === null || v === undefined ? '(none)' : String(v));
const count = (v: MetricValue | undefined) => v?.value ?? 0;
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

export async function buildReport(baton: Baton, options: ReportOptions = {}): Promise<ReportData> {
  // An unknown segment is a usage error before any query runs.
  if (options.benchmark) compareToBenchmark(options.benchmark, {});
  const analysis = await baton.analyze();
  const metrics = catalog.metrics.map((m) => {
    const v = analysis.metrics[m.id] ?? { value: null, numerator: null, denominator: null, ci95: null };
    return { id: m.id, title: m.title, definition: m.definition, unit: m.unit, ...v };
  });
  const benchmark = options.benchmark
    ? compareToBenchmark(options.benchmark, {
        handoff_success_rate: analysis.metrics.handoff_success_rate ?? null,
        transfer_completion_rate: analysis.metrics.transfer_completion_rate ?? null,
        handoff_time_avg_s: analysis.metrics.handoff_time_avg_s ?? null,
      })
    : null;
  const team_pairs = await teamPairs(baton);
  return {
    title: options.title ?? 'Handoff report',
    tz: baton.tz,
    data: analysis.data,
    metrics,
    benchmark,
    funnel: analysis.funnel,
    flows: { channel: await flows(baton, 'channel_path'), team: await flows(baton, 'team_path') },
    team_pairs,
    ping_pong_pairs: pingPongPairs(team_pairs),
    hour_weekday: await hourWeekday(baton),
    handoff_time_histogram: await handoffTimeHistogram(baton.analysisEngine),
    by_handoff_count: await byHandoffCount(baton),
    agents: await owners(baton, 'from_agent', 'picked_up_by'),
    teams: await owners(baton, 'from_team', 'to_team'),
    // On a warehouse the detectors run there; those still DuckDB-only are listed in diagnosis.not_run.
    diagnosis:
      options.diagnosis === false
        ? null
        : await diagnose(baton.analysisEngine, {
            tz: baton.tz,
            ...(options.businessHours ? { businessHours: options.businessHours } : {}),
          }),
  };
}

async function flows(baton: Baton, path: 'channel_path' | 'team_path'): Promise<FlowPath[]> {
  const result = await baton.query({ metrics: ['conversations'], by: [path, 'outcome'] });
  return result.rows
    .map((r) => ({
      sequence: str(r.dimensions[path]).split(' → '),
      outcome: str(r.dimensions.outcome),
      conversations: count(r.values.conversations),
    }))
    .sort((a, b) => b.conversations - a.conversations || a.sequence.join().localeCompare(b.sequence.join()));
}

async function teamPairs(baton: Baton): Promise<TeamPairRow[]> {
  const result = await baton.query({
    metrics: ['handoffs', 'handoff_success_rate'],
    by: ['from_team', 'to_team'],
  });
  return result.rows
    .map((r) => ({
      from_team: str(r.dimensions.from_team),
      to_team: str(r.dimensions.to_team),
      handoffs: count(r.values.handoffs),
      success_rate: r.values.handoff_success_rate ?? null,
    }))
    .sort((a, b) => b.handoffs - a.handoffs || a.from_team.localeCompare(b.from_team));
}

/** Pairs with handoffs both ways, from the team matrix; most round trips (the smaller direction) first. */
function pingPongPairs(pairs: readonly TeamPairRow[]): PingPongPair[] {
  const n = new Map(pairs.map((p) => [`${p.from_team}\u0000${p.to_team}`, p.handoffs]));
  return pairs
    .filter((p) => p.from_team < p.to_team && (n.get(`${p.to_team}\u0000${p.from_team}`) ?? 0) > 0)
    .map((p) => ({
      team_a: p.from_team,
      team_b: p.to_team,
      a_to_b: p.handoffs,
      b_to_a: n.get(`${p.to_team}\u0000${p.from_team}`) ?? 0,
    }))
    .sort(
      (a, b) =>
        Math.min(b.a_to_b, b.b_to_a) - Math.min(a.a_to_b, a.b_to_a) || a.team_a.localeCompare(b.team_a),
    );
}

async function hourWeekday(baton: Baton): Promise<HourWeekdayCell[]> {
  const result = await baton.query({
    metrics: ['handoffs', 'handoff_time_median_s'],
    by: ['hour', 'weekday'],
  });
  return result.rows.map((r) => ({
    weekday: str(r.dimensions.weekday),
    hour: Number(r.dimensions.hour),
    handoffs: count(r.values.handoffs),
    handoff_time_median_s: r.values.handoff_time_median_s ?? null,
  }));
}

async function byHandoffCount(baton: Baton): Promise<ByHandoffCountRow[]> {
  const result = await baton.query({
    metrics: ['conversations', 'resolution_time_median_s', 'csat_avg'],
    by: ['handoff_count'],
  });
  return result.rows
    .map((r) => ({
      handoff_count: Number(r.dimensions.handoff_count),
      conversations: count(r.values.conversations),
      resolution_time_median_s: r.values.resolution_time_median_s ?? null,
      csat_avg: r.values.csat_avg ?? null,
    }))
    .sort((a, b) => a.handoff_count - b.handoff_count);
}

async function owners(
  baton: Baton,
  from: 'from_agent' | 'from_team',
  to: 'picked_up_by' | 'to_team',
): Promise<OwnerRow[]> {
  const rows = new Map<string, OwnerRow>();
  const row = (name: string) => {
    const existing = rows.get(name);
    if (existing) return existing;
    const fresh: OwnerRow = {
      name,
      handed_on: 0,
      received: 0,
      success_rate: null,
      shrunk_success_rate: null,
    };
    rows.set(name, fresh);
    return fresh;
  };
  for (const r of (await baton.query({ metrics: ['handoffs'], by: [from] })).rows)
    row(str(r.dimensions[from])).handed_on = count(r.values.handoffs);
  for (const r of (await baton.query({ metrics: ['handoffs', 'handoff_success_rate'], by: [to] })).rows) {
    const o = row(str(r.dimensions[to]));
    o.received = count(r.values.handoffs);
    o.success_rate = r.values.handoff_success_rate ?? null;
  }
  // Handoffs nobody picked up fail by definition: they would drag every agent's prior down.
  const counted = [...rows.values()].filter(
    (r) => (r.success_rate?.denominator ?? 0) > 0 && !(to === 'picked_up_by' && r.name === '(none)'),
  );
  const shrunk = shrinkRates(
    counted.map((r) => ({
      id: r.name,
      successes: r.success_rate?.numerator ?? 0,
      trials: r.success_rate?.denominator ?? 0,
    })),
  );
  for (const g of shrunk?.groups ?? [])
    rows.get(g.id)!.shrunk_success_rate = { value: g.posteriorMean, ci95: g.ci95 };
  return [...rows.values()].sort((a, b) => b.received - a.received || byName(a, b));
}
