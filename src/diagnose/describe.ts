// A diagnosis in words, shared by the CLI and the report: pattern titles, measured values, the monthly cost.
import { formatCount, formatInterval, formatNumber } from '../format/values.js';
import type { MetricValue } from '../metrics/types.js';
import type { Measured, Pattern } from './finding.js';
import type { HandoffCost, MonthlyHours } from './handoff-cost.js';

export const PATTERN_TITLES: Readonly<Record<Pattern, string>> = Object.freeze({
  'incomplete-context': 'Incomplete context transfer',
  'skill-mismatch': 'Skill mismatch',
  'integration-gap': 'Integration gaps',
  'unclear-trigger': 'Unclear handoff triggers',
  'poor-timing': 'Poor timing and communication',
});

/** `12.7% [9.9% – 16.2%] n=432`: a measured value with its interval and sample. */
export function formatMeasured(m: Measured, unit: 'ratio' | 'seconds' | 'score'): string {
  const interval = formatInterval({ value: m.value, ci95: m.ci95, numerator: null, denominator: m.n }, unit);
  return `${formatNumber(m.value, unit)}${interval ? ` [${interval}]` : ''}${m.n ? ` n=${formatCount(m.n)}` : ''}`;
}

/** Two significant digits, or an exponent below 1e-4. */
export const formatP = (v: number): string => (v < 1e-4 ? v.toExponential(1) : v.toPrecision(2));

/** Signed hours: `+19 h`, `-1.5 h`. */
export const formatHours = (h: number): string =>
  `${h >= 0 ? '+' : ''}${h.toFixed(Math.abs(h) < 10 ? 1 : 0)} h`;

const round = (h: number) => formatCount(Math.round(h));
const monthly = (m: MonthlyHours) =>
  m.value === null ? '—' : `${round(m.value)} h${m.ci95 ? ` [${round(m.ci95[0])}–${round(m.ci95[1])}]` : ''}`;
const relative = (v: MetricValue) =>
  `${formatNumber(v.value, 'ratio')}${v.ci95 ? ` [${formatInterval(v, 'ratio')}]` : ''}`;

/** The monthly cost of handoffs: a heading, then one sentence per figure, each with its interval. */
export function describeHandoffCost(c: HandoffCost): { heading: string; lines: string[] } {
  const w = c.customer_wait_hours_per_month;
  return {
    heading: `What handoffs cost a month (${c.months.toFixed(1)} months of data, ${formatCount(Math.round(c.handoffs_per_month))} handoffs a month)`,
    lines: [
      `resolution time: each handoff adds ${relative(c.cost_per_handoff)} like for like (same category, start channel and priority; n=${formatCount(c.cost_per_handoff.denominator)}), against ${relative(c.raw_cost_per_handoff)} unadjusted, = ${monthly(c.extra_resolution_hours_per_month)} of extra resolution time a month`,
      `customers waited ${monthly(w)} a month at handoffs (${round(w.picked_up)} h until picked up, ${round(w.never_picked_up)} h at handoffs never picked up)`,
      `receiving agents spent ${monthly(c.agent_hours_per_month)} a month handling conversations after handoffs (messages' preceding gaps capped at ${c.agent_hours_per_month.message_cap_minutes} min; a proxy)`,
    ],
  };
}
