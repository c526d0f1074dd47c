// What a finding costs per month: its conversations, their customers, and extra resolution hours and CSAT versus comparable ones.
import type { SqlEngine } from '../engine/sql-engine.js';
import type { Population } from './detector.js';
import type { FindingSeverity, Impact } from './finding.js';
import { catalogMetric } from './segment-tests.js';

/** Average month length in days, so a 60-day export reads as about two months. */
const MONTH_DAYS = 30.44;

/** The data's time span and total resolution hours, shared by every impact estimate in one run. */
export interface OperationScale {
  months: number;
  conversations: number;
  resolution_hours_per_month: number;
}

const resolution = () => {
  const m = catalogMetric('resolution_time_median_s');
  return { value: 'value' in m ? m.value : 'resolution_s', where: m.where ?? 'true' };
};
const csat = () => {
  const m = catalogMetric('csat_avg');
  return { value: 'value' in m ? m.value : 'csat', where: m.where ?? 'true' };
};

export async function operationScale(engine: SqlEngine): Promise<OperationScale> {
  const r = resolution();
  const d = engine.dialect;
  // Whole seconds, as date_diff('second', ...) counted them.
  const row = await engine.one<{ days: number | null; conversations: number; hours: number | null }>(
    `SELECT floor(${d.secondsBetween('min(started_at)', 'max(started_at)')}) / 86400.0 AS days, count(*) AS conversations,
       sum(CASE WHEN ${r.where} THEN ${r.value} END) / 3600.0 AS hours
     FROM conversations`,
  );
  // Less than a day of data still counts as one day, so a tiny file does not blow up the monthly rates.
  const months = Math.max(row.days ?? 0, 1) / MONTH_DAYS;
  return {
    months,
    conversations: row.conversations,
    resolution_hours_per_month: (row.hours ?? 0) / months,
  };
}

interface StratumRow {
  side: string;
  category: string | null;
  by_category: number;
  conversations: number;
  customers: number;
  resolved: number;
  resolution_s: number | null;
  rated: number;
  csat: number | null;
}

/**
 * Impact of one population: the segment's monthly volume, and its mean resolution time and CSAT minus the
 * comparison group's within the same category and start channel, weighted by the segment's mix, so a segment
 * full of hard categories or slow channels (email) is not blamed for them. Aggregates come from SQL; the weighting is arithmetic on a handful of rows.
 */
export async function estimateImpact(
  engine: SqlEngine,
  population: Population,
  scale: OperationScale,
): Promise<Impact> {
  const r = resolution();
  const c = csat();
  const d = engine.dialect;
  const grouped = (keys: string, byCategory: boolean, category: string) =>
    `SELECT side, ${category} AS category, ${byCategory ? 'true' : 'false'} AS by_category,
       count(*) AS conversations, count(DISTINCT coalesce(customer_id, 'conversation:' || conversation_id)) AS customers,
       ${d.countIf(r.where)} AS resolved, avg(CASE WHEN ${r.where} THEN ${r.value} END) AS resolution_s,
       ${d.countIf(c.where)} AS rated, avg(CASE WHEN ${c.where} THEN ${c.value} END) AS csat
     FROM tagged GROUP BY ${keys}`;
  // Two groupings in a UNION ALL rather than GROUPING SETS: engines disagree on grouping() and on the NULLs of
  // the keys a set leaves out. Membership as IN, not SEMI JOIN, which only DuckDB spells that way.
  const rows = await engine.all<StratumRow & Record<string, string | number | boolean | null>>(
    `WITH seg AS (SELECT DISTINCT conversation_id FROM (${population.segment}) seg_rows),
     cmp AS (SELECT DISTINCT conversation_id FROM (${population.comparison}) cmp_rows
       WHERE conversation_id NOT IN (SELECT conversation_id FROM seg)),
     tagged AS (
       SELECT c.*, 'segment' AS side FROM conversations c WHERE c.conversation_id IN (SELECT conversation_id FROM seg)
       UNION ALL
       SELECT c.*, 'comparison' AS side FROM conversations c WHERE c.conversation_id IN (SELECT conversation_id FROM cmp))
     ${grouped('side, category, start_channel', true, "coalesce(category, '(none)') || ' / ' || coalesce(start_channel, '(none)')")}
     UNION ALL
     ${grouped('side', false, 'NULL')}`,
    population.params,
  );
  const total = rows.find((x) => x.side === 'segment' && !x.by_category);
  const strata = (side: string) =>
    new Map(rows.filter((x) => x.side === side && x.by_category).map((x) => [x.category ?? '(none)', x]));
  const seg = strata('segment');
  const cmp = strata('comparison');
  const weighted = (count: (x: StratumRow) => number, value: (x: StratumRow) => number | null) => {
    let weight = 0;
    let sum = 0;
    for (const [category, s] of seg) {
      const o = cmp.get(category);
      const a = value(s);
      const b = o ? value(o) : null;
      if (!o || a === null || b === null || count(s) === 0 || count(o) === 0) continue;
      weight += count(s);
      sum += count(s) * (a - b);
    }
    return weight > 0 ? sum / weight : null;
  };
  const extraSeconds = weighted(
    (x) => x.resolved,
    (x) => x.resolution_s,
  );
  const csatPoints = weighted(
    (x) => x.rated,
    (x) => x.csat,
  );
  const perMonth = (total?.conversations ?? 0) / scale.months;
  const extraHours = extraSeconds === null ? null : extraSeconds / 3600;
  return {
    conversations_per_month: perMonth,
    customers_per_month: (total?.customers ?? 0) / scale.months,
    extra_hours_per_conversation: extraHours,
    extra_resolution_hours_per_month: extraHours === null ? null : perMonth * extraHours,
    csat_points: csatPoints,
    compared_with: population.compared_with,
  };
}

/**
 * High when the extra hours are at least 5% of all the operation's monthly resolution hours, medium from
 * 1%; low when the segment costs no extra time against comparable conversations. Without a comparison to
 * measure time against, by reach: high from 10% of conversations, medium from 2%.
 */
export function severityOf(impact: Impact, scale: OperationScale): FindingSeverity {
  const hours = impact.extra_resolution_hours_per_month;
  if (hours !== null) {
    const share = scale.resolution_hours_per_month > 0 ? hours / scale.resolution_hours_per_month : 0;
    if (share >= 0.05) return 'high';
    if (share >= 0.01) return 'medium';
    return 'low';
  }
  const reach = (impact.conversations_per_month * scale.months) / Math.max(scale.conversations, 1);
  if (reach >= 0.1) return 'high';
  if (reach >= 0.02) return 'medium';
  return 'low';
}
