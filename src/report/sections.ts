// The report's outline, shared by the HTML and Markdown renderers: sections of prose, charts and tables in order.
import {
  describeHandoffCost,
  formatHours,
  formatMeasured,
  formatP,
  PATTERN_TITLES,
} from '../diagnose/describe.js';
import type { Diagnosis } from '../diagnose/diagnose.js';
import type { Finding } from '../diagnose/finding.js';
import { formatCount, formatInterval, formatNumber } from '../format/values.js';
import type { OwnerRow, ReportData } from './build-report.js';
import { byHandoffCountChart } from './charts/by-handoff-count-chart.js';
import type { Chart } from './charts/chart.js';
import { funnelChart } from './charts/funnel-chart.js';
import { handoffTimeChart } from './charts/handoff-time-chart.js';
import { hourWeekdayChart } from './charts/hour-weekday-chart.js';
import { sankeyChart } from './charts/sankey-chart.js';
import { teamMatrixChart } from './charts/team-matrix-chart.js';
import { numberCell, type ReportTable, textCell } from './table.js';

export interface TableBlock {
  id: string;
  title: string;
  table: ReportTable;
  /** Interactive (click a header to sort) in HTML. */
  sortable?: boolean;
}

export interface Section {
  id: string;
  title: string;
  /** Paragraphs of plain text. */
  notes: string[];
  charts: Chart[];
  tables: TableBlock[];
}

export function reportSections(data: ReportData): Section[] {
  const sections: Section[] = [
    {
      id: 'data',
      title: 'Data',
      notes: [
        'What the numbers are computed from. Rejected rows were kept with their reasons (baton export rejects).',
      ],
      charts: [],
      tables: [{ id: 'data-table', title: 'Data coverage', table: dataTable(data) }],
    },
    {
      id: 'metrics',
      title: 'Headline metrics',
      notes: [
        'Each metric as the catalog defines it (baton metrics), with its 95% interval and the n it is computed over.',
      ],
      charts: [],
      tables: [{ id: 'metrics-table', title: 'Headline metrics', table: metricsTable(data) }],
    },
  ];
  if (data.benchmark) {
    sections.push({
      id: 'benchmark',
      title: `Against industry bands: ${data.benchmark.segment.label}`,
      notes: [data.benchmark.caveat],
      charts: [],
      tables: [{ id: 'benchmark-table', title: 'Benchmark bands', table: benchmarkTable(data) }],
    });
  }
  sections.push(
    {
      id: 'funnel',
      title: 'Channel funnel',
      notes: [],
      charts: [funnelChart(data.funnel)],
      tables: [],
    },
    {
      id: 'paths',
      title: 'Handoff paths',
      notes: [],
      charts: [sankeyChart('channel', data.flows.channel), sankeyChart('team', data.flows.team)],
      tables: [],
    },
    {
      id: 'handovers',
      title: 'Team handovers',
      notes: [
        'Ping-pong pairs are team pairs that hand conversations to each other in both directions; the ping-pong rate above counts the conversations that bounced back.',
      ],
      charts: [teamMatrixChart(data.team_pairs)],
      tables: [
        { id: 'ping-pong-table', title: 'Ping-pong pairs', table: pingPongTable(data), sortable: true },
      ],
    },
    {
      id: 'timing',
      title: 'When handoffs happen',
      notes: [],
      charts: [
        hourWeekdayChart('volume', data.hour_weekday, data.tz),
        hourWeekdayChart('time', data.hour_weekday, data.tz),
      ],
      tables: [],
    },
    {
      id: 'handoff-time',
      title: 'Handoff time',
      notes: [],
      charts: [handoffTimeChart(data.handoff_time_histogram)],
      tables: [],
    },
    {
      id: 'cost',
      title: 'What handoffs cost',
      notes: [costNote(data), ...(data.diagnosis ? monthlyCost(data.diagnosis) : [])],
      charts: [
        byHandoffCountChart('resolution', data.by_handoff_count),
        byHandoffCountChart('csat', data.by_handoff_count),
      ],
      tables: [],
    },
    ...(data.diagnosis ? [findingsSection(data.diagnosis)] : []),
    {
      id: 'agents',
      title: 'Agents',
      notes: [
        'Handed on: handoffs away from the agent. Received: handoffs the agent picked up (their reply completed the transfer, whether it named them or went to a queue), and the share of them resolved before any further handoff. (none) received the handoffs nobody picked up, and handed on those made before any agent had the conversation; it is left out of the shrinkage prior.',
      ],
      charts: [],
      tables: [
        { id: 'agents-table', title: 'Agents', table: ownerTable('agent', data.agents), sortable: true },
      ],
    },
    {
      id: 'teams',
      title: 'Teams',
      notes: [
        'Handed on: handoffs away from the team. Received: handoffs to the team, and the share of them that succeeded.',
      ],
      charts: [],
      tables: [{ id: 'teams-table', title: 'Teams', table: ownerTable('team', data.teams), sortable: true }],
    },
  );
  return sections;
}

function dataTable(data: ReportData): ReportTable {
  const d = data.data;
  const rows: [string, number | string | null][] = [
    ['conversations', d.conversations],
    ['events imported', d.events],
    ['rejected rows', d.rejected_rows],
    ['repeated rows', d.duplicate_rows],
    ['conversations read from who replied (no assign events)', d.implicit_conversations],
    ['first event (UTC)', d.first_event],
    ['last event (UTC)', d.last_event],
    ['business time zone', data.tz],
  ];
  return {
    columns: [{ label: 'what' }, { label: 'value', numeric: true }],
    rows: rows.map(([label, v]) => [textCell(label), typeof v === 'number' ? numberCell(v) : textCell(v)]),
  };
}

function metricsTable(data: ReportData): ReportTable {
  return {
    columns: [
      { label: 'metric' },
      { label: 'value', numeric: true },
      { label: '95% interval' },
      { label: 'n', numeric: true },
      { label: 'definition' },
    ],
    rows: data.metrics.map((m) => [
      textCell(m.title),
      numberCell(m.value, formatNumber(m.value, m.unit)),
      textCell(formatInterval(m, m.unit)),
      numberCell(m.denominator, formatCount(m.denominator)),
      textCell(m.definition),
    ]),
  };
}

function benchmarkTable(data: ReportData): ReportTable {
  const b = data.benchmark!;
  return {
    columns: [
      { label: 'metric' },
      { label: 'yours', numeric: true },
      { label: '95% interval' },
      { label: 'band (estimate)' },
      { label: 'position' },
      { label: 'how sure' },
    ],
    rows: b.metrics.map((m) => [
      textCell(m.title),
      numberCell(m.value, formatNumber(m.value, m.unit)),
      textCell(
        m.ci95
          ? formatInterval(
              { value: m.value, numerator: null, denominator: null, ci95: [m.ci95[0], m.ci95[1]] },
              m.unit,
            )
          : '',
      ),
      textCell(`${formatNumber(m.band[0], m.unit)} – ${formatNumber(m.band[1], m.unit)}`),
      textCell(
        m.position === 'unknown'
          ? 'no data'
          : `${m.position === 'within' ? 'within' : m.position} the band${m.good === null ? '' : m.good ? ' (better)' : ' (worse)'}`,
      ),
      textCell(m.caveat),
    ]),
  };
}

function pingPongTable(data: ReportData): ReportTable {
  return {
    columns: [
      { label: 'team A' },
      { label: 'team B' },
      { label: 'A → B', numeric: true },
      { label: 'B → A', numeric: true },
    ],
    rows: data.ping_pong_pairs.map((p) => [
      textCell(p.team_a),
      textCell(p.team_b),
      numberCell(p.a_to_b),
      numberCell(p.b_to_a),
    ]),
  };
}

function ownerTable(what: 'agent' | 'team', rows: readonly OwnerRow[]): ReportTable {
  return {
    columns: [
      { label: what },
      { label: 'handed on', numeric: true },
      { label: 'received', numeric: true },
      { label: 'success rate', numeric: true },
      { label: '95% interval' },
      { label: 'n', numeric: true },
      { label: 'shrunk rate', numeric: true },
      { label: 'shrunk 95% interval' },
    ],
    rows: rows.map((r) => [
      textCell(r.name),
      numberCell(r.handed_on),
      numberCell(r.received),
      numberCell(r.success_rate?.value ?? null, formatNumber(r.success_rate?.value ?? null, 'ratio')),
      textCell(r.success_rate ? formatInterval(r.success_rate, 'ratio') : ''),
      numberCell(r.success_rate?.denominator ?? 0),
      numberCell(
        r.shrunk_success_rate?.value ?? null,
        formatNumber(r.shrunk_success_rate?.value ?? null, 'ratio'),
      ),
      textCell(
        r.shrunk_success_rate
          ? `${formatNumber(r.shrunk_success_rate.ci95[0], 'ratio')} – ${formatNumber(r.shrunk_success_rate.ci95[1], 'ratio')}`
          : '',
      ),
    ]),
  };
}

function costNote(data: ReportData): string {
  const g = data.metrics.find((m) => m.id === 'resolution_time_increase_per_handoff');
  if (!g || g.value === null)
    return 'Too few resolved conversations to estimate what a handoff adds to resolution time.';
  return `Each extra handoff multiplies resolution time by about ${(1 + g.value).toFixed(2)} (${formatNumber(g.value, 'ratio')} longer, 95% interval ${formatInterval(g, 'ratio')}, n = ${formatCount(g.denominator)}).`;
}

function monthlyCost(d: Diagnosis): string[] {
  const { heading, lines } = describeHandoffCost(d.handoff_cost);
  return [`${heading}: ${lines.join('; ')}.`];
}

/** The diagnosis: every finding with its evidence, impact, the improvement that fits and how to tell it worked. */
function findingsSection(d: Diagnosis): Section {
  const t = d.thresholds;
  const rule = `A finding needs ${t.min_sample} rows on each side, an effect above its stated size, and q < ${t.alpha} after Benjamini-Hochberg over all ${formatCount(d.tests_run)} tests the run made.`;
  return {
    id: 'findings',
    title: 'Why handoffs fail',
    notes: [
      d.findings.length
        ? `${d.findings.length} findings under the five failure patterns, most impact first. ${rule}`
        : `No finding passes the thresholds. ${rule}`,
      'Impact compares the segment’s conversations with comparable ones (same category and start channel); extra hours are resolution hours a month.',
    ],
    charts: [],
    tables: d.findings.length
      ? [{ id: 'findings-table', title: 'Findings', table: findingsTable(d.findings), sortable: true }]
      : [],
  };
}

function findingsTable(findings: readonly Finding[]): ReportTable {
  const severity = { high: 3, medium: 2, low: 1 } as const;
  return {
    columns: [
      { label: 'severity' },
      { label: 'pattern' },
      { label: 'finding' },
      { label: 'evidence (segment vs rest)' },
      { label: 'q', numeric: true },
      { label: 'conversations a month', numeric: true },
      { label: 'extra hours a month', numeric: true },
      { label: 'CSAT points', numeric: true },
      { label: 'what to change' },
      { label: 'worked if' },
    ],
    rows: findings.map((f) => {
      const e = f.evidence;
      const i = f.impact;
      return [
        numberCell(severity[f.severity], f.severity),
        textCell(PATTERN_TITLES[f.pattern]),
        textCell(f.title),
        textCell(`${formatMeasured(e.segment, e.unit)} vs ${formatMeasured(e.rest, e.unit)} (${e.test})`),
        numberCell(e.q_value, formatP(e.q_value)),
        numberCell(Math.round(i.conversations_per_month)),
        numberCell(
          i.extra_resolution_hours_per_month,
          i.extra_resolution_hours_per_month === null ? '—' : formatHours(i.extra_resolution_hours_per_month),
        ),
        numberCell(i.csat_points, i.csat_points === null ? '—' : i.csat_points.toFixed(2)),
        textCell(`${f.recommendation.title}: ${f.recommendation.action}`),
        textCell(f.recommendation.success_metric.check),
      ];
    }),
  };
}
