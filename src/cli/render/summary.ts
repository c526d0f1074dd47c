// Renders an Analysis as the readable terminal summary printed by `baton analyze`.
import type { Analysis } from '../../analysis/analyze.js';
import { formatCount, formatInterval, formatNumber } from '../../format/values.js';
import { catalog } from '../../metrics/registry.js';
import { renderTable } from './table.js';

const percent = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '—');

export function renderSummary(a: Analysis): string {
  const out: string[] = [];
  const d = a.data;
  out.push(
    `Baton handoff analysis: ${formatCount(d.conversations)} conversations, ${formatCount(d.events)} events` +
      (d.first_event ? `, ${d.first_event.slice(0, 10)} to ${(d.last_event ?? '').slice(0, 10)}` : ''),
  );
  const notes: string[] = [];
  if (d.rejected_rows)
    notes.push(
      `${formatCount(d.rejected_rows)} rows rejected (see warnings above; --rejects FILE lists them)`,
    );
  if (d.duplicate_rows) notes.push(`${formatCount(d.duplicate_rows)} repeated events skipped`);
  if (d.implicit_conversations) {
    notes.push(
      `${formatCount(d.implicit_conversations)} conversations had no assign events; their owners were read from who replied`,
    );
  }
  for (const n of notes) out.push(`  · ${n}`);

  out.push('', 'HEADLINE METRICS  (definitions: baton metrics)');
  out.push(
    renderTable(
      [
        { header: 'metric' },
        { header: 'value', align: 'right' },
        { header: '95% interval', align: 'right' },
        { header: 'n', align: 'right' },
      ],
      catalog.metrics.map((m) => {
        const v = a.metrics[m.id];
        if (!v) return [m.title, '—', '', ''];
        return [
          m.title,
          formatNumber(v.value, m.unit),
          formatInterval(v, m.unit),
          m.kind === 'count' ? '' : formatCount(v.denominator),
        ];
      }),
    ),
  );

  out.push('', 'CHANNEL FUNNEL');
  out.push(
    renderTable(
      [
        { header: 'channel' },
        { header: 'reached', align: 'right' },
        { header: 'handed on', align: 'right' },
        { header: 'resolved here', align: 'right' },
        { header: 'abandoned here', align: 'right' },
      ],
      a.funnel.map((f) => [
        f.channel,
        formatCount(f.reached),
        `${formatCount(f.handed_on)} (${percent(f.handed_on, f.reached)})`,
        `${formatCount(f.resolved)} (${percent(f.resolved, f.reached)})`,
        `${formatCount(f.abandoned)} (${percent(f.abandoned, f.reached)})`,
      ]),
    ),
  );

  for (const by of ['channel', 'team'] as const) {
    out.push('', `TOP ${by.toUpperCase()} PATHS`);
    out.push(
      renderTable(
        [
          { header: 'path' },
          { header: 'conversations', align: 'right' },
          { header: 'resolved', align: 'right' },
          { header: 'abandoned', align: 'right' },
        ],
        a.paths[by].map((p) => [
          p.sequence.join(' → '),
          formatCount(p.conversations),
          percent(p.resolved, p.conversations),
          percent(p.abandoned, p.conversations),
        ]),
      ),
    );
  }

  out.push('', 'TEAM PAIRS WITH THE MOST FAILED HANDOFFS');
  if (a.failed_team_pairs.length === 0) out.push('  none: every handoff between teams succeeded');
  else {
    out.push(
      renderTable(
        [
          { header: 'from → to' },
          { header: 'handoffs', align: 'right' },
          { header: 'failed', align: 'right' },
          { header: 'success', align: 'right' },
          { header: '95% interval', align: 'right' },
        ],
        a.failed_team_pairs.map((p) => [
          p.team_pair,
          formatCount(p.handoffs),
          formatCount(p.failed),
          formatNumber(p.success_rate, 'ratio'),
          p.ci95 ? `${formatNumber(p.ci95[0], 'ratio')} – ${formatNumber(p.ci95[1], 'ratio')}` : '',
        ]),
      ),
    );
  }
  return out.join('\n');
}
