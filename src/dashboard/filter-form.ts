// The filter controls: date range and one select per filter dimension, whose choices come from the API itself.
/// <reference lib="dom" />
import type { Filters } from '../server/filters.js';
import { getJson } from './api.js';
import { el, fill } from './dom.js';

/** Each control filters by one catalog dimension; the metric counts its choices so empty values never appear. */
export const FILTER_CONTROLS = [
  { dimension: 'start_channel', label: 'Channel', metric: 'conversations' },
  { dimension: 'start_team', label: 'Starting team', metric: 'conversations' },
  { dimension: 'to_team', label: 'Receiving team', metric: 'handoffs' },
  { dimension: 'segment', label: 'Segment', metric: 'conversations' },
  { dimension: 'category', label: 'Category', metric: 'conversations' },
  { dimension: 'transfer_type', label: 'Transfer type', metric: 'handoffs' },
] as const;

interface QueryReply {
  rows: {
    dimensions: Record<string, string | number | null>;
    values: Record<string, { value: number | null }>;
  }[];
}

export async function renderFilterForm(
  container: Element,
  onChange: (filters: Filters) => void,
): Promise<void> {
  const choices = await Promise.all(
    FILTER_CONTROLS.map((f) =>
      getJson<QueryReply>('/api/query', [
        ['metric', f.metric],
        ['by', f.dimension],
      ]),
    ),
  );
  const selects = FILTER_CONTROLS.map((f, i) => {
    const rows = choices[i]?.rows ?? [];
    const select = el(
      'select',
      { id: `filter-${f.dimension}`, name: f.dimension, 'data-filter': f.dimension },
      el('option', { value: '' }, 'All'),
      ...rows.map((r) => {
        const value = String(r.dimensions[f.dimension]);
        return el(
          'option',
          { value },
          `${value} (${(r.values[f.metric]?.value ?? 0).toLocaleString('en-US')})`,
        );
      }),
    );
    return { f, select, disabled: rows.length <= 1 };
  });
  const from = el('input', { type: 'date', id: 'filter-from', name: 'from' });
  const to = el('input', { type: 'date', id: 'filter-to', name: 'to' });
  const current = (): Filters => {
    const where: Record<string, string> = {};
    for (const { f, select } of selects) if (select.value) where[f.dimension] = select.value;
    return { where, ...(from.value ? { from: from.value } : {}), ...(to.value ? { to: to.value } : {}) };
  };
  const reset = el('button', { type: 'button', id: 'filter-reset' }, 'Clear filters');
  reset.addEventListener('click', () => {
    for (const { select } of selects) select.value = '';
    from.value = '';
    to.value = '';
    onChange(current());
  });
  const form = el(
    'form',
    { class: 'filters', 'aria-label': 'Filters' },
    ...selects.map(({ f, select, disabled }) =>
      el('label', { class: disabled ? 'muted' : undefined }, el('span', {}, f.label), select),
    ),
    el('label', {}, el('span', {}, 'From'), from),
    el('label', {}, el('span', {}, 'To'), to),
    reset,
  );
  form.addEventListener('change', () => onChange(current()));
  form.addEventListener('submit', (event) => event.preventDefault());
  fill(container, form);
}
