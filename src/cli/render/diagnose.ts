// Text rendering of `baton diagnose`: findings by failure pattern, the monthly cost of handoffs, and notes.
import type { Diagnosis } from '../../diagnose/diagnose.js';
import { type Finding, type Measured, PATTERNS } from '../../diagnose/finding.js';
import type { HandoffCost, MonthlyHours } from '../../diagnose/handoff-cost.js';
import { formatCount, formatInterval, formatNumber } from '../../format/values.js';
import type { MetricValue } from '../../metrics/types.js';

const PATTERN_TITLES: Record<string, string> = {
  'incomplete-context': 'Incomplete context transfer',
  'skill-mismatch': 'Skill mismatch',
  'integration-gap': 'Integration gaps',
  'unclear-trigger': 'Unclear handoff triggers',
  'poor-timing': 'Poor timing and communication',
};

const fmt = (m: Measured, unit: Finding['evidence']['unit']) => {
  const interval = formatInterval({ value: m.value, ci95: m.ci95, numerator: null, denominator: m.n }, unit);
  return `${formatNumber(m.value, unit)}${interval ? ` [${interval}]` : ''}${m.n ? ` n=${formatCount(m.n)}` : ''}`;
};
const p = (v: number) => (v < 1e-4 ? v.toExponential(1) : v.toPrecision(2));
const hours = (h: number) => `${h >= 0 ? '+' : ''}${h.toFixed(Math.abs(h) < 10 ? 1 : 0)} h`;

/** Findings grouped by pattern (the pattern with the costliest finding first), each with its evidence line and fix. */
export function renderDiagnosis(result: Diagnosis): string {
  const t = result.thresholds;
  const rule = `min sample ${t.min_sample}, agents named from ${t.agent_min_handoffs} handoffs, Benjamini-Hochberg q < ${t.alpha} over ${result.tests_run} tests`;
  const tail = [...renderCost(result.handoff_cost), ...renderNotes(result)];
  if (result.findings.length === 0)
    return [`No finding passes the thresholds (${rule}).`, ...tail].join('\n');
  const lines = [`${result.findings.length} findings (${rule}); most impact first.`];
  // A strategy's full advice is printed once; later findings that call for it name it only.
  const explained = new Set<string>();
  const patterns = [...PATTERNS].sort(
    (a, b) =>
      result.findings.findIndex((f) => f.pattern === a) - result.findings.findIndex((f) => f.pattern === b),
  );
  for (const pattern of patterns) {
    const findings = result.findings.filter((f) => f.pattern === pattern);
    if (findings.length === 0) continue;
    lines.push('', `${PATTERN_TITLES[pattern] ?? pattern}`);
    for (const f of findings) {
      const e = f.evidence;
      const i = f.impact;
      lines.push(`  [${f.severity}] ${f.title}`);
      lines.push(
        `    evidence: ${e.metric ?? f.detector} ${fmt(e.segment, e.unit)} vs ${fmt(e.rest, e.unit)}; ${e.test} p=${p(e.p_value)} q=${p(e.q_value)}`,
      );
      const cost =
        i.extra_hours_per_conversation === null
          ? 'no comparable resolved conversations to cost it against'
          : `${hours(i.extra_hours_per_conversation)} per conversation = ${hours(i.extra_resolution_hours_per_month ?? 0)} of resolution time per month`;
      const csat =
        i.csat_points === null ? '' : `, CSAT ${i.csat_points >= 0 ? '+' : ''}${i.csat_points.toFixed(2)}`;
      lines.push(
        `    impact: ${Math.round(i.conversations_per_month)} conversations (${Math.round(i.customers_per_month)} customers) a month, ${cost}${csat}; against ${i.compared_with}`,
      );
      const r = f.recommendation;
      lines.push(`    fix: ${r.title}.${explained.has(r.strategy) ? ' (see above)' : ` ${r.action}`}`);
      explained.add(r.strategy);
      lines.push(`    worked if: ${f.recommendation.success_metric.check}`);
    }
  }
  return [...lines, ...tail].join('\n');
}

const round = (h: number) => formatCount(Math.round(h));
const monthly = (m: MonthlyHours) =>
  m.value === null ? '—' : `${round(m.value)} h${m.ci95 ? ` [${round(m.ci95[0])}–${round(m.ci95[1])}]` : ''}`;
const relative = (v: MetricValue) =>
  `${formatNumber(v.value, 'ratio')}${v.ci95 ? ` [${formatInterval(v, 'ratio')}]` : ''}`;

/** The monthly cost of handoffs, each line with its interval; JSON has the definitions word for word. */
function renderCost(c: HandoffCost): string[] {
  const w = c.customer_wait_hours_per_month;
  return [
    '',
    `What handoffs cost a month (${c.months.toFixed(1)} months of data, ${formatCount(Math.round(c.handoffs_per_month))} handoffs a month)`,
    `  resolution time: each handoff adds ${relative(c.cost_per_handoff)} like for like (same category, start channel and priority; n=${formatCount(c.cost_per_handoff.denominator)}), against ${relative(c.raw_cost_per_handoff)} unadjusted`,
    `    = ${monthly(c.extra_resolution_hours_per_month)} of extra resolution time a month`,
    `  customers waited ${monthly(w)} a month at handoffs (${round(w.picked_up)} h until picked up, ${round(w.never_picked_up)} h at handoffs never picked up)`,
    `  receiving agents spent ${monthly(c.agent_hours_per_month)} a month handling conversations after handoffs (messages' preceding gaps capped at ${c.agent_hours_per_month.message_cap_minutes} min; a proxy)`,
  ];
}

function renderNotes(result: Diagnosis): string[] {
  const notes = result.detectors.flatMap((d) => d.notes.map((n) => `  ${d.id}: ${n}`));
  return notes.length ? ['', 'Not assessed', ...notes] : [];
}
