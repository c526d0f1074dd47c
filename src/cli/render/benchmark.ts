// Renders the benchmark comparison: each metric against its industry band, with how sure the placement is.
import type { BenchmarkComparison } from '../../benchmarks/compare.js';
import { formatNumber } from '../../format/values.js';
import { renderTable } from './table.js';

export function renderBenchmark(c: BenchmarkComparison): string {
  const verdict = (m: BenchmarkComparison['metrics'][number]) => {
    if (m.position === 'unknown') return 'no data';
    const where = m.position === 'within' ? 'within the band' : `${m.position} the band`;
    const side = m.good === null ? '' : m.good ? ' (better)' : ' (worse)';
    return `${where}${side}${m.clear ? '' : ', not clear at 95%'}`;
  };
  return [
    `AGAINST INDUSTRY BANDS: ${c.segment.label}`,
    renderTable(
      [
        { header: 'metric' },
        { header: 'yours', align: 'right' },
        { header: 'band', align: 'right' },
        { header: 'position' },
      ],
      c.metrics.map((m) => [
        m.title,
        formatNumber(m.value, m.unit),
        `${formatNumber(m.band[0], m.unit)} – ${formatNumber(m.band[1], m.unit)}`,
        verdict(m),
      ]),
    ),
    `  ${c.caveat}`,
  ].join('\n');
}
