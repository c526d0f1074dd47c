// Text rendering of `baton diagnose`: findings by failure pattern, the monthly cost of handoffs, and notes.

import {
  describeHandoffCost,
  formatHours,
  formatMeasured,
  formatP,
  PATTERN_TITLES,
} from '../../diagnose/describe.js';
import type { Diagnosis } from '../../diagnose/diagnose.js';
import { PATTERNS } from '../../diagnose/finding.js';
import type { HandoffCost } from '../../diagnose/handoff-cost.js';

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
        `    evidence: ${e.metric ?? f.detector} ${formatMeasured(e.segment, e.unit)} vs ${formatMeasured(e.rest, e.unit)}; ${e.test} p=${formatP(e.p_value)} q=${formatP(e.q_value)}`,
      );
      const cost =
        i.extra_hours_per_conversation === null
          ? 'no comparable resolved conversations to cost it against'
          : `${formatHours(i.extra_hours_per_conversation)} per conversation = ${formatHours(i.extra_resolution_hours_per_month ?? 0)} of resolution time per month`;
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

/** The monthly cost of handoffs, each line with its interval; JSON has the definitions word for word. */
function renderCost(c: HandoffCost): string[] {
  const { heading, lines } = describeHandoffCost(c);
  return ['', heading, ...lines.map((l) => `  ${l}`)];
}

function renderNotes(result: Diagnosis): string[] {
  const notes = result.detectors.flatMap((d) => d.notes.map((n) => `  ${d.id}: ${n}`));
  return notes.length ? ['', 'Not assessed', ...notes] : [];
}
