// The dashboard's question box: a question in plain English, the answer's words and SQL, and a bar chart when it fits.
/// <reference lib="dom" />
import * as Plot from '@observablehq/plot';
import { OKABE_ITO } from '../report/palette.js';
import { ApiError, getJson } from './api.js';
import { el, fill } from './dom.js';

interface AskJson {
  text: string;
  sql: string;
  result: { groups: { label: string; rows: Record<string, unknown>[] }[] };
  interpretation: { metrics: string[]; by: string[] };
}

/** A panel with a labelled input; answers replace each other in a live region. */
export function askBox(): HTMLElement {
  const input = el('input', {
    type: 'text',
    id: 'ask-input',
    name: 'q',
    placeholder: 'e.g. what is the handoff success rate from chat to email last month?',
    'aria-label': 'Ask a question about handoffs',
  });
  const answer = el('div', { id: 'ask-answer', 'aria-live': 'polite' });
  const form = el('form', { id: 'ask-form', role: 'search' }, input, el('button', { type: 'submit' }, 'Ask'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void ask(input.value, answer);
  });
  return el(
    'section',
    { class: 'panel', id: 'ask', 'aria-labelledby': 'ask-title' },
    el('h2', { id: 'ask-title' }, 'Ask'),
    el(
      'p',
      { class: 'caption' },
      'Plain English, read into the metric catalog; the answer says how it read you. It covers all the data: put a filter into the question ("… for chat") rather than the selects above.',
    ),
    form,
    answer,
  );
}

async function ask(question: string, box: HTMLElement): Promise<void> {
  if (!question.trim()) return;
  fill(box, el('p', { class: 'status' }, 'Thinking…'));
  try {
    const a = await getJson<AskJson>('/api/ask', [['q', question]]);
    const chart = barChart(a);
    fill(
      box,
      el('pre', { class: 'ask-text' }, a.text),
      ...(chart ? [chart] : []),
      el('details', {}, el('summary', {}, 'SQL that ran'), el('pre', { class: 'ask-sql' }, a.sql)),
    );
  } catch (error) {
    const text = error instanceof ApiError ? error.message : String(error);
    fill(box, el('pre', { class: 'ask-text error' }, text));
  }
}

/** One metric by one dimension: a horizontal bar per row. */
function barChart(a: AskJson): Element | null {
  const [metric] = a.interpretation.metrics;
  const [dim] = a.interpretation.by;
  const rows = a.result.groups[0]?.rows ?? [];
  if (!metric || !dim || a.interpretation.metrics.length !== 1 || rows.length < 2) return null;
  const data = rows
    .map((r) => ({ label: String(r[dim] ?? '(none)'), value: Number(r[metric]) }))
    .filter((d) => Number.isFinite(d.value));
  if (data.length < 2) return null;
  return Plot.plot({
    marginLeft: 140,
    height: 30 + data.length * 22,
    x: { grid: true, label: metric },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [Plot.barX(data, { x: 'value', y: 'label', fill: OKABE_ITO[4] }), Plot.ruleX([0])],
  });
}
