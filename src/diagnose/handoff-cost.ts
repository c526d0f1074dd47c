// What handoffs cost a month: extra resolution hours (like for like), customer hours waiting, agent hours handling.
import type { SqlEngine } from '../engine/sql-engine.js';
import { EVENT_RANK_SQL } from '../handoffs/ordered-events-sql.js';
import { runQuery } from '../metrics/query.js';
import { catalog } from '../metrics/registry.js';
import type { GrowthMetric, MetricValue } from '../metrics/types.js';
import { studentT975 } from '../stats/intervals.js';
import { type OperationScale, operationScale } from './impact.js';

/** Gaps longer than this before an agent's message are read as waiting, not work (the agent-hours proxy). */
export const DEFAULT_MESSAGE_CAP_MINUTES = 10;

const Z95 = 1.959963984540054;
const COST_METRIC = 'resolution_time_increase_per_handoff_adjusted';
const RAW_COST_METRIC = 'resolution_time_increase_per_handoff';

/** A monthly total with its 95% interval (null when the data cannot support one). */
export interface MonthlyHours {
  value: number | null;
  ci95: [number, number] | null;
}

export interface HandoffCost {
  /** Months of data (first to last conversation start, 30.44-day months), as diagnose's impact uses. */
  months: number;
  handoffs_per_month: number;
  /** Relative increase in resolution time per handoff within category × start channel × priority. */
  cost_per_handoff: MetricValue & { metric: string };
  /** The same without the strata, for contrast: the gap between the two is what the mix explains. */
  raw_cost_per_handoff: MetricValue & { metric: string };
  /** Resolution hours a month the handoffs add, implied by the like-for-like cost (see the definitions). */
  extra_resolution_hours_per_month: MonthlyHours;
  /** Hours a month customers spent waiting at handoffs, split by whether the handoff was picked up. */
  customer_wait_hours_per_month: MonthlyHours & { picked_up: number; never_picked_up: number };
  /** Hours a month receiving agents spent handling conversations after handoffs (a proxy, see definitions). */
  agent_hours_per_month: MonthlyHours & { message_cap_minutes: number };
  /** How each number is computed, in words, so JSON readers need not guess. */
  definitions: {
    extra_resolution_hours: string;
    customer_wait_hours: string;
    agent_hours: string;
  };
}

export interface HandoffCostOptions {
  tz?: string;
  /** Reuse the run's scale (diagnose has it already). */
  scale?: OperationScale;
  messageCapMinutes?: number;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export async function handoffCost(engine: SqlEngine, options: HandoffCostOptions = {}): Promise<HandoffCost> {
  const scale = options.scale ?? (await operationScale(engine));
  const capMinutes = options.messageCapMinutes ?? DEFAULT_MESSAGE_CAP_MINUTES;
  if (!(capMinutes > 0)) throw new RangeError(`The message cap must be positive, got ${capMinutes}.`);
  const months = scale.months;
  const headline = await runQuery(engine, {
    metrics: ['handoffs', COST_METRIC, RAW_COST_METRIC, 'handoff_time_avg_s'],
    tz: options.tz ?? 'UTC',
  });
  const values = headline.rows[0]?.values ?? {};
  const empty: MetricValue = { value: null, numerator: null, denominator: 0, ci95: null };
  const cost = values[COST_METRIC] ?? empty;
  const picked = values.handoff_time_avg_s ?? empty;
  const perMonth = (seconds: number) => seconds / 3600 / months;
  return {
    months,
    handoffs_per_month: num(values.handoffs?.value) / months,
    cost_per_handoff: { metric: COST_METRIC, ...cost },
    raw_cost_per_handoff: { metric: RAW_COST_METRIC, ...(values[RAW_COST_METRIC] ?? empty) },
    extra_resolution_hours_per_month: await extraResolutionHours(engine, cost, months),
    customer_wait_hours_per_month: await customerWait(engine, picked, perMonth),
    agent_hours_per_month: {
      ...(await agentHours(engine, capMinutes, perMonth)),
      message_cap_minutes: capMinutes,
    },
    definitions: {
      extra_resolution_hours:
        'Σ over resolved conversations of T·(1 - (1 + c)^-h), T the resolution time, h the handoff count and c the like-for-like cost per handoff: the time each conversation would have saved without its handoffs if every handoff multiplies resolution time by 1 + c, per month. The interval puts the ends of c’s interval in the same sum.',
      customer_wait_hours:
        'Σ over handoffs of the customer’s wait: to the new owner’s first reply when the handoff was picked up (the handoff time), otherwise until the next handoff, the resolution or the conversation’s last event, whichever came first; per month. The interval treats each handoff’s wait as a draw (t interval of the mean × the count).',
      agent_hours: `Σ over handoffs of the handling time in the stint the handoff starts: every message a human agent (not the agent who handed it on) sends after the handoff and before the next one counts the time since the conversation’s previous event, capped at ${capMinutes} minutes (longer gaps are waiting, not work); per month. A proxy: event logs do not record work time, and part of this work would have been needed without the handoff.`,
    },
  };
}

/** Implied extra hours from the like-for-like cost c: exp(b) = 1 + c is the factor per handoff, so T·(1 - e^{-b·h}). */
async function extraResolutionHours(
  engine: SqlEngine,
  cost: MetricValue,
  months: number,
): Promise<MonthlyHours> {
  const metric = catalog.metric(COST_METRIC) as GrowthMetric | undefined;
  if (!metric || cost.value === null || cost.value <= -1) return { value: null, ci95: null };
  const slope = (c: number) => Math.log1p(c);
  const ends = cost.ci95 && cost.ci95[0] > -1 ? cost.ci95 : null;
  // exp(y) is the resolution time when y = ln(resolution time): the catalog's own definition, not a copy of it.
  // The slope is cast: PostgreSQL reads an uncast parameter as text.
  const extra = (param: string) =>
    `sum(exp(${metric.y}) * (1 - exp(-CAST($${param} AS ${engine.dialect.doubleType}) * (${metric.x}))))`;
  const row = await engine.one(
    `SELECT ${extra('b')} AS value, ${extra('b_lo')} AS lo, ${extra('b_hi')} AS hi
     FROM conversations WHERE ${metric.where ?? 'true'}`,
    {
      b: slope(cost.value),
      b_lo: slope(ends ? ends[0] : cost.value),
      b_hi: slope(ends ? ends[1] : cost.value),
    },
  );
  const hours = (v: unknown) => num(v) / 3600 / months;
  return { value: hours(row.value), ci95: ends ? [hours(row.lo), hours(row.hi)] : null };
}

/**
 * Picked-up handoffs: the catalog's handoff time (its sum and its mean's interval). Never picked up: waited
 * until the next handoff, the resolution or the last event. The two parts' standard errors add in quadrature.
 */
async function customerWait(
  engine: SqlEngine,
  picked: MetricValue,
  perMonth: (seconds: number) => number,
): Promise<HandoffCost['customer_wait_hours_per_month']> {
  const d = engine.dialect;
  const row = await engine.one(
    `WITH nx AS (
       SELECT conversation_id, handoff_at, completed,
         ${d.lead('handoff_at', '(PARTITION BY conversation_id ORDER BY handoff_no)')} AS next_at FROM handoffs),
     w AS (
       SELECT greatest(0, ${d.secondsBetween(
         'nx.handoff_at',
         'least(coalesce(nx.next_at, coalesce(c.resolved_at, c.ended_at)), coalesce(c.resolved_at, c.ended_at))',
       )}) AS wait_s
       FROM nx JOIN conversations c ON c.conversation_id = nx.conversation_id WHERE NOT nx.completed)
     SELECT count(*) AS n, coalesce(sum(wait_s), 0) AS total, stddev_samp(wait_s) AS sd FROM w`,
  );
  const pickedN = num(picked.denominator);
  const pickedTotal = num(picked.numerator);
  // The catalog's t interval of the mean, half-width t·sd/√n, gives the sum's standard error √n·sd.
  const pickedSe =
    picked.ci95 && pickedN > 1
      ? ((picked.ci95[1] - picked.ci95[0]) / 2 / studentT975(pickedN - 1)) * pickedN
      : null;
  const lostN = num(row.n);
  const lostTotal = num(row.total);
  const lostSe = lostN > 1 ? Math.sqrt(lostN) * num(row.sd) : lostN === 0 ? 0 : null;
  const total = pickedTotal + lostTotal;
  const se = pickedSe !== null && lostSe !== null ? Math.sqrt(pickedSe ** 2 + lostSe ** 2) : null;
  return {
    value: perMonth(total),
    ci95: se === null ? null : [perMonth(Math.max(0, total - Z95 * se)), perMonth(total + Z95 * se)],
    picked_up: perMonth(pickedTotal),
    never_picked_up: perMonth(lostTotal),
  };
}

/** Handling seconds per handoff from the event log (capped gaps before human agents' messages), summed in SQL. */
async function agentHours(
  engine: SqlEngine,
  capMinutes: number,
  perMonth: (seconds: number) => number,
): Promise<MonthlyHours> {
  const d = engine.dialect;
  // The handoff a message falls under is the last one at or before it (handoffs first at equal times): carried
  // forward through a timeline of both, which every engine runs, where an ASOF join is DuckDB's own.
  const row = await engine.one(
    `WITH ev AS (
       SELECT conversation_id, ts, event_type, actor, agent_id,
         ${d.lag('ts', `(PARTITION BY conversation_id ORDER BY ts, ${EVENT_RANK_SQL}, seq)`)} AS prev_ts
       FROM events),
     tl AS (
       SELECT conversation_id, handoff_at AS ts, 0 AS ord, handoff_no, NULL AS gap_s, NULL AS agent_id FROM handoffs
       UNION ALL
       SELECT conversation_id, ts, 1 AS ord, NULL AS handoff_no,
         least(coalesce(${d.secondsBetween('prev_ts', 'ts')}, 0), CAST($cap_s AS ${d.doubleType})) AS gap_s, agent_id
       FROM ev WHERE event_type = 'message' AND actor = 'agent'),
     carried AS (
       SELECT conversation_id, ord, gap_s, agent_id,
         ${d.lastNonNull('handoff_no', '(PARTITION BY conversation_id ORDER BY ts, ord, handoff_no ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)')} AS under_no
       FROM tl),
     work AS (
       SELECT h.conversation_id AS conversation_id, h.handoff_no AS handoff_no, sum(m.gap_s) AS handling_s
       FROM carried m JOIN handoffs h ON h.conversation_id = m.conversation_id AND h.handoff_no = m.under_no
       WHERE m.ord = 1 AND coalesce(m.agent_id <> h.from_agent, (m.agent_id IS NULL) <> (h.from_agent IS NULL))
       GROUP BY 1, 2),
     per AS (
       SELECT coalesce(w.handling_s, 0) AS s FROM handoffs h
       LEFT JOIN work w ON w.conversation_id = h.conversation_id AND w.handoff_no = h.handoff_no)
     SELECT count(*) AS n, coalesce(sum(s), 0) AS total, stddev_samp(s) AS sd FROM per`,
    { cap_s: capMinutes * 60 },
  );
  const n = num(row.n);
  const total = num(row.total);
  if (n < 2) return { value: perMonth(total), ci95: null };
  const half = studentT975(n - 1) * Math.sqrt(n) * num(row.sd);
  return { value: perMonth(total), ci95: [perMonth(Math.max(0, total - half)), perMonth(total + half)] };
}
