// Text rendering of `baton segments`: the flagged groups first, then each breakdown as a table.
import { formatInterval, formatNumber } from '../../format/values.js';
import { catalog } from '../../metrics/registry.js';
import type { Unit } from '../../metrics/types.js';
import type { SegmentBreakdown, SegmentGroup, SegmentsReport, Verdict } from '../../segments/segments.js';
import { renderTable } from './table.js';

/** Breakdowns with more groups than this list only their significant groups unless --all is given. */
export const LONG_BREAKDOWN = 12;
/** Rows of the "worse" list at the top; the breakdowns below hold every flagged group. */
const FLAGGED_LIST = 25;

const FLAGGED = new Set<Verdict>(['worse', 'better', 'different']);
const VERDICT_TEXT: Record<Verdict, string> = {
  worse: 'WORSE',
  better: 'better',
  different: 'different',
  'no-difference': '',
  'too-few': 'too few to judge',
  'not-tested': 'not tested',
};

const unitOf = (metric: string): Unit => catalog.metric(metric)?.unit ?? 'count';

const signed = (v: number | null, unit: Unit) =>
  v === null ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${formatNumber(Math.abs(v), unit)}`;

const q = (v: number | null) =>
  v === null ? '—' : v === 0 ? '<1e-300' : v < 0.001 ? v.toExponential(1) : v.toFixed(3);

function valueCell(g: SegmentGroup, unit: Unit): [string, string] {
  const v = { value: g.value.value, numerator: null, denominator: g.value.n, ci95: g.value.ci95 };
  return [formatNumber(g.value.value, unit), formatInterval(v, unit)];
}

/** One table of groups; `withBreakdown` adds which breakdown and metric each row is from (the flagged list). */
function groupTable(
  rows: readonly { b: SegmentBreakdown; g: SegmentGroup }[],
  withBreakdown: boolean,
): string {
  const shrunk = rows.some((r) => r.g.shrunk);
  return renderTable(
    [
      ...(withBreakdown ? [{ header: 'breakdown' }, { header: 'metric' }] : []),
      { header: 'group' },
      { header: 'n', align: 'right' as const },
      { header: 'value', align: 'right' as const },
      { header: '95% interval', align: 'right' as const },
      ...(shrunk ? [{ header: 'shrunk [95%]', align: 'right' as const }] : []),
      { header: 'rest', align: 'right' as const },
      { header: 'difference', align: 'right' as const },
      { header: 'q', align: 'right' as const },
      { header: '' },
    ],
    rows.map(({ b, g }) => {
      const unit = unitOf(b.metric);
      return [
        ...(withBreakdown ? [b.dimension, catalog.metric(b.metric)?.title ?? b.metric] : []),
        g.group,
        g.value.n.toLocaleString('en-US'),
        ...valueCell(g, unit),
        ...(shrunk
          ? [
              g.shrunk
                ? `${formatNumber(g.shrunk.value, unit)} [${formatNumber(g.shrunk.ci95[0], unit)} – ${formatNumber(g.shrunk.ci95[1], unit)}]`
                : '',
            ]
          : []),
        formatNumber(g.test?.rest.value ?? null, unit),
        signed(g.difference, unit),
        q(g.q_value),
        VERDICT_TEXT[g.verdict],
      ];
    }),
  );
}

function summary(groups: readonly SegmentGroup[]): string {
  const count = (v: Verdict) => groups.filter((g) => g.verdict === v).length;
  const parts = (['worse', 'better', 'different', 'no-difference', 'too-few', 'not-tested'] as const)
    .map((v) => [v, count(v)] as const)
    .filter(([, n]) => n > 0)
    .map(
      ([v, n]) =>
        `${n} ${v === 'no-difference' ? 'no clear difference' : v === 'too-few' ? 'too few to judge' : v}`,
    );
  return `${groups.length} groups: ${parts.join(', ')}`;
}

export function renderSegments(report: SegmentsReport, all: boolean): string {
  const t = report.thresholds;
  const flagged = report.breakdowns.flatMap((b) =>
    b.groups.filter((g) => FLAGGED.has(g.verdict)).map((g) => ({ b, g })),
  );
  const lines = [
    `Where exactly: each group against the rest of its breakdown (${t.tests} tests; flagged at Benjamini-Hochberg q ≤ ${t.alpha};`,
    `groups under ${t.min_sample} rows, or with fewer than that in the rest, are too few to judge; business hours ${t.business_hours}, time zone ${t.tz}).`,
    '',
  ];
  if (flagged.length === 0) lines.push('No group differs significantly from the rest.');
  else {
    const order: Verdict[] = ['worse', 'different', 'better'];
    flagged.sort(
      (x, y) =>
        order.indexOf(x.g.verdict) - order.indexOf(y.g.verdict) || (x.g.q_value ?? 1) - (y.g.q_value ?? 1),
    );
    const count = (v: Verdict) => flagged.filter((f) => f.g.verdict === v).length;
    const head = flagged.filter((f) => f.g.verdict !== 'better').slice(0, FLAGGED_LIST);
    lines.push(
      `${flagged.length} groups differ significantly from the rest: ${count('worse')} worse, ${count('better')} better${count('different') ? `, ${count('different')} different` : ''}.`,
    );
    if (head.length) {
      lines.push(
        `Worse than the rest, most significant first${head.length < count('worse') + count('different') ? ` (the first ${head.length}; all are in the breakdowns below)` : ''}:`,
      );
      lines.push(groupTable(head, true));
    }
  }
  for (const family of report.families) {
    const breakdowns = report.breakdowns.filter((b) => b.family === family);
    if (breakdowns.length === 0) continue;
    lines.push('', `== ${family} ==`);
    for (const b of breakdowns) {
      const title = catalog.metric(b.metric)?.title ?? b.metric;
      lines.push('', `${title} by ${b.dimension} — ${summary(b.groups)}`);
      const shown =
        all || b.groups.length <= LONG_BREAKDOWN ? b.groups : b.groups.filter((g) => FLAGGED.has(g.verdict));
      if (shown.length)
        lines.push(
          groupTable(
            shown.map((g) => ({ b, g })),
            false,
          ),
        );
      if (shown.length < b.groups.length)
        lines.push(`(only the significant groups; --all or --json lists all ${b.groups.length})`);
    }
  }
  if (report.skipped.length) {
    const byMetric = new Map<string, string[]>();
    for (const s of report.skipped) byMetric.set(s.metric, [...(byMetric.get(s.metric) ?? []), s.dimension]);
    lines.push('', 'Not broken down (conversation metrics by handoff attributes):');
    for (const [metric, dims] of byMetric) lines.push(`  ${metric}: ${dims.join(', ')}`);
  }
  return lines.join('\n');
}
