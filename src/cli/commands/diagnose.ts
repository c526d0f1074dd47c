// `baton diagnose`: why handoffs fail and what to change: significant findings by failure pattern, most impact first.
import { DEFAULT_THRESHOLDS } from '../../diagnose/detector.js';
import { DETECTORS } from '../../diagnose/detectors/index.js';
import { type Diagnosis, diagnose } from '../../diagnose/diagnose.js';
import { type Finding, type Measured, PATTERNS } from '../../diagnose/finding.js';
import type { HandoffCost, MonthlyHours } from '../../diagnose/handoff-cost.js';
import { formatCount, formatInterval, formatNumber } from '../../format/values.js';
import type { MetricValue } from '../../metrics/types.js';
import { UsageError } from '../../model/errors.js';
import { problem } from '../../model/problem.js';
import type { Command } from '../command.js';
import { str } from '../command.js';
import { DATA_OPTIONS, openWithData, writeJson } from '../shared-options.js';

const PATTERN_TITLES: Record<string, string> = {
  'incomplete-context': 'Incomplete context transfer',
  'skill-mismatch': 'Skill mismatch',
  'integration-gap': 'Integration gaps',
  'unclear-trigger': 'Unclear handoff triggers',
  'poor-timing': 'Poor timing and communication',
};

function numberOption(value: string | undefined, name: string, valid: (n: number) => boolean, hint: string) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || !valid(n))
    throw new UsageError(`--${name} '${value}' must be ${hint}.`, [
      problem('bad-option-value', 'error', `--${name} must be ${hint}`, { field: name }),
    ]);
  return n;
}

export const diagnoseCommand: Command = {
  name: 'diagnose',
  summary: 'Find why handoffs fail (five patterns), what it costs per month, and what to change.',
  usage:
    'baton diagnose (FILE... | --db FILE) [--json] [--min-sample N] [--alpha Q] [--agent-min-handoffs N] [--business-hours SPEC] [--lost-thread-hours H] [--mid-exchange-minutes M] [--shift-end-minutes M]',
  options: {
    ...DATA_OPTIONS,
    json: {
      type: 'boolean',
      description:
        'Print {"findings": [...], "tests_run": N, "thresholds": {...}, "detectors": [...], "handoff_cost": {...}} JSON on stdout.',
    },
    'min-sample': {
      type: 'string',
      value: 'N',
      description: `Rows needed on each side of a comparison before it is tested. Default ${DEFAULT_THRESHOLDS.min_sample}.`,
    },
    alpha: {
      type: 'string',
      value: 'Q',
      description: `False discovery rate (Benjamini-Hochberg over every test run): findings need q below it. Default ${DEFAULT_THRESHOLDS.alpha}.`,
    },
    'agent-min-handoffs': {
      type: 'string',
      value: 'N',
      description: `Handoffs an agent must have received before agent-outliers assesses or names them. Default ${DEFAULT_THRESHOLDS.agent_min_handoffs}.`,
    },
    'lost-thread-hours': {
      type: 'string',
      value: 'H',
      description: `A customer starting a new conversation within this many hours after a failed handoff is a lost thread (lost-threads). Default ${DEFAULT_THRESHOLDS.lost_thread_hours}.`,
    },
    'mid-exchange-minutes': {
      type: 'string',
      value: 'M',
      description: `A customer message at most this many minutes old and unanswered at a handoff makes it mid-exchange (mid-exchange-handoffs). Default ${DEFAULT_THRESHOLDS.mid_exchange_minutes}.`,
    },
    'shift-end-minutes': {
      type: 'string',
      value: 'M',
      description: `Handoffs this many minutes or less before business hours close are shift-end handoffs (shift-end-handoffs). Default ${DEFAULT_THRESHOLDS.shift_end_minutes}.`,
    },
  },
  details: [
    'Every detector compares a segment with the rest of the operation, needs --min-sample rows on each side,',
    'an effect above its stated size, and q < --alpha after Benjamini-Hochberg across all tests. Impact is',
    'conversations per month × extra mean resolution time against comparable conversations (same category',
    'and start channel). On data without real differences the right answer is "No finding passes the thresholds".',
    '',
    'After the findings, what handoffs cost a month: the resolution hours they add like for like (the',
    'resolution_time_increase_per_handoff_adjusted metric, within category × start channel × priority), the',
    'hours customers wait at handoffs, and the hours receiving agents spend handling conversations after them.',
    '',
    'Detectors:',
    ...DETECTORS.map((d) => `  ${d.id} (${d.pattern}): ${d.describe}`),
    '',
    'Examples:',
    '  baton diagnose events.csv',
    "  baton diagnose --db support.duckdb --tz Europe/Paris --business-hours 'Mon-Sat 09:00-19:00' --json",
  ].join('\n'),
  async run(values, positionals, io) {
    const minSample = numberOption(
      str(values['min-sample']),
      'min-sample',
      (n) => Number.isInteger(n) && n >= 2,
      'a whole number of at least 2',
    );
    const alpha = numberOption(str(values.alpha), 'alpha', (n) => n > 0 && n < 1, 'between 0 and 1');
    const agentMin = numberOption(
      str(values['agent-min-handoffs']),
      'agent-min-handoffs',
      (n) => Number.isInteger(n) && n >= 1,
      'a whole number of at least 1',
    );
    const positive = (name: string) =>
      numberOption(str(values[name]), name, (n) => n > 0, 'a positive number');
    const lostHours = positive('lost-thread-hours');
    const midMinutes = positive('mid-exchange-minutes');
    const shiftMinutes = positive('shift-end-minutes');
    const businessHours = str(values['business-hours']);
    const { baton } = await openWithData(values, positionals, io);
    try {
      await baton.ensureDerived();
      const result = await diagnose(baton.engine, {
        tz: baton.tz,
        thresholds: {
          ...(minSample !== undefined ? { min_sample: minSample } : {}),
          ...(alpha !== undefined ? { alpha } : {}),
          ...(agentMin !== undefined ? { agent_min_handoffs: agentMin } : {}),
          ...(lostHours !== undefined ? { lost_thread_hours: lostHours } : {}),
          ...(midMinutes !== undefined ? { mid_exchange_minutes: midMinutes } : {}),
          ...(shiftMinutes !== undefined ? { shift_end_minutes: shiftMinutes } : {}),
        },
        ...(businessHours ? { businessHours } : {}),
      });
      if (values.json) {
        writeJson(io, {
          findings: result.findings,
          tests_run: result.tests_run,
          thresholds: result.thresholds,
          detectors: result.detectors,
          handoff_cost: result.handoff_cost,
        });
      } else io.out(renderDiagnosis(result));
      return 0;
    } finally {
      baton.close();
    }
  },
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
