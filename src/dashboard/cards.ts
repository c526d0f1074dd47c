// Headline metric cards: value, 95% interval and n for each headline metric, straight from /api/summary.
/// <reference lib="dom" />
import { formatInterval, formatNumber } from '../format/values.js';
import type { Metric } from '../metrics/types.js';
import type { Summary } from '../server/summary.js';
import { el, fill } from './dom.js';

export const HEADLINE = [
  'conversations',
  'handoffs',
  'handoff_rate',
  'handoff_success_rate',
  'transfer_completion_rate',
  'handoff_time_median_s',
  'ping_pong_rate',
  'abandonment_after_handoff_rate',
  'resolution_rate',
  'csat_avg',
] as const;

export function renderCards(
  container: Element,
  summary: Summary,
  metrics: ReadonlyMap<string, Metric>,
): void {
  const cards = HEADLINE.map((id) => {
    const m = metrics.get(id);
    const v = summary.metrics[id];
    const misfit = summary.not_applicable[id];
    const value = v ? formatNumber(v.value, m?.unit ?? 'count') : '—';
    const note = v
      ? [
          formatInterval(v, m?.unit ?? 'count') && `95%: ${formatInterval(v, m?.unit ?? 'count')}`,
          `n = ${(v.denominator ?? 0).toLocaleString('en-US')}`,
        ]
          .filter(Boolean)
          .join(' · ')
      : `not defined under the ${misfit?.join(', ')} filter`;
    return el(
      'li',
      { class: 'card', 'data-metric': id, 'data-value': v?.value === null || !v ? 'null' : String(v.value) },
      el('h3', { title: m?.definition }, m?.title ?? id),
      el('p', { class: 'value' }, value),
      el('p', { class: 'note' }, note),
    );
  });
  fill(container, el('ul', { class: 'cards', 'aria-label': 'Headline metrics' }, ...cards));
}
