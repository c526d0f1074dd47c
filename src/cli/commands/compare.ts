// `baton compare`: two cohorts side by side on the metrics a process change should move, with tests and sample sizes.

import { THROUGH_HANDOFFS_RULE } from '../../compare/cohort-sql.js';
import type { MetricComparison } from '../../compare/cohort-tests.js';
import { type Cohort, type CohortCondition, type Comparison, compareCohorts } from '../../compare/compare.js';
import { formatInterval, formatNumber } from '../../format/values.js';
import { UsageError } from '../../model/errors.js';
import type { Command } from '../command.js';
import { list, str } from '../command.js';
import { renderTable } from '../render/table.js';
import { DATA_OPTIONS, ENGINE_OPTIONS, openWithData, writeJson } from '../shared-options.js';

function cohort(entries: string[], fallback: string): Cohort {
  const conditions: CohortCondition[] = entries.map((entry) => {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new UsageError(`'${entry}' must look like DIMENSION=VALUE, e.g. transfer_type=warm`);
    return { dimension: entry.slice(0, eq).trim(), op: '=', value: entry.slice(eq + 1) };
  });
  return { label: entries.join(' and ') || fallback, conditions };
}

export const compareCommand: Command = {
  name: 'compare',
  summary:
    'Compare two cohorts (warm vs cold, before vs after a date, team A vs B) with tests and sample sizes.',
  usage:
    'baton compare (FILE... | --db FILE) (--a DIM=VALUE --b DIM=VALUE | --before YYYY-MM-DD) [--effect D] [--json]',
  options: {
    ...DATA_OPTIONS,
    ...ENGINE_OPTIONS,
    a: {
      type: 'string',
      multiple: true,
      value: 'DIM=VALUE',
      description: 'First cohort (all conditions hold).',
    },
    b: { type: 'string', multiple: true, value: 'DIM=VALUE', description: 'Second cohort.' },
    before: {
      type: 'string',
      value: 'YYYY-MM-DD',
      description:
        'Before vs after a process change: handoffs and conversations before the day against those from it.',
    },
    effect: {
      type: 'string',
      value: 'D',
      description:
        'Handoff success difference to be able to detect, for the sample-size advice (default 0.05).',
    },
    json: { type: 'boolean', description: 'Print the comparison as JSON.' },
  },
  details: [
    'Compared: handoff success, transfer completion, abandonment after handoff, handoff time, resolution rate,',
    'resolution time, CSAT, ping-pong and the repeat-explanation rate. Rates by a two-proportion z-test (with the',
    "difference's Newcombe interval and the sample size needed), times and scores by Mann-Whitney U.",
    `Cohorts on a handoff attribute (transfer_type=cold) and conversation metrics: ${THROUGH_HANDOFFS_RULE}.`,
    'With --engine clickhouse|postgres every metric runs on the warehouse, the repeat-explanation rate included.',
    '',
    'Examples:',
    '  baton compare --db support.duckdb --a transfer_type=warm --b transfer_type=cold',
    '  baton compare --db support.duckdb --before 2026-10-01 --a to_team=Billing --b to_team=Billing',
    '  baton compare --engine postgres --url postgres://baton@localhost/support --a transfer_type=warm --b transfer_type=cold',
  ].join('\n'),
  async run(values, positionals, io) {
    const before = str(values.before);
    let a = cohort(list(values.a), 'all');
    let b = cohort(list(values.b), 'all');
    if (before) {
      a = {
        label: `before ${before}${a.conditions.length ? `, ${a.label}` : ''}`,
        conditions: [...a.conditions, { dimension: 'date', op: '<', value: before }],
      };
      b = {
        label: `from ${before}${b.conditions.length ? `, ${b.label}` : ''}`,
        conditions: [...b.conditions, { dimension: 'date', op: '>=', value: before }],
      };
    } else if (!a.conditions.length || !b.conditions.length) {
      throw new UsageError(
        'Name both cohorts (--a DIM=VALUE --b DIM=VALUE), or split by a date with --before.',
      );
    }
    const effect = Number(str(values.effect) ?? 0.05);
    if (!(effect > 0 && effect < 1))
      throw new UsageError('--effect takes a difference between 0 and 1, e.g. 0.05.');
    const { baton } = await openWithData(values, positionals, io);
    try {
      await baton.ensureDerived();
      const result = await compareCohorts(baton.analysisEngine, { a, b, tz: baton.tz, effect });
      if (values.json) writeJson(io, result);
      else io.out(renderComparison(result));
      return 0;
    } finally {
      await baton.close();
    }
  },
};

function renderComparison(result: Comparison): string {
  const { metrics, skipped } = result;
  const a = result.a.label;
  const b = result.b.label;
  const cell = (m: MetricComparison, v: MetricComparison['a']) => {
    const interval = formatInterval(
      { value: v.value, numerator: null, denominator: v.n, ci95: v.ci95 },
      m.unit,
    );
    return `${formatNumber(v.value, m.unit)}${interval ? ` [${interval}]` : ''} n=${v.n}`;
  };
  const p = (m: MetricComparison) =>
    m.p_value === null ? '—' : m.p_value < 0.001 ? m.p_value.toExponential(1) : m.p_value.toFixed(3);
  const lines = [
    `A: ${a}`,
    `B: ${b}`,
    '',
    renderTable(
      [
        { header: 'metric' },
        { header: 'A', align: 'right' },
        { header: 'B', align: 'right' },
        { header: 'B − A', align: 'right' },
        { header: 'p', align: 'right' },
        { header: 'test' },
      ],
      metrics.map((m) => [
        m.title,
        cell(m, m.a),
        cell(m, m.b),
        m.difference === null
          ? '—'
          : `${m.difference > 0 ? '+' : ''}${formatNumber(m.difference, m.unit === 'ratio' ? 'ratio' : m.unit)}`,
        p(m),
        m.test,
      ]),
    ),
  ];
  const success = metrics.find((m) => m.metric === 'handoff_success_rate')?.sample_size;
  if (success) {
    lines.push(
      '',
      `To detect a ${formatNumber(success.effect, 'ratio')} change in handoff success: ${success.needed_per_cohort ?? '—'} handoffs per cohort (80% power, 5% two-sided); these cohorts can detect about ${formatNumber(success.detectable_now, 'ratio')}.`,
    );
  }
  const through = result.through_handoffs;
  if (through) {
    lines.push(
      '',
      `${through.metrics.join(', ')}: ${through.rule}. Left out of both: ${through.left_out_conversations} conversations.`,
    );
  }
  for (const s of skipped) lines.push(`  ${s.metric}: ${s.reason}`);
  return lines.join('\n');
}
