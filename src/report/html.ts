// Renders the report as one self-contained HTML file: inline CSS, inline SVG, a few lines of inline JS, no network.
import { formatCount, formatInterval, formatNumber } from '../format/values.js';
import type { ReportData, ReportMetric } from './build-report.js';
import type { Chart } from './charts/chart.js';
import { reportSections, type Section, type TableBlock } from './sections.js';
import type { ReportTable } from './table.js';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

// The policy makes the offline promise enforceable: the browser itself refuses any fetch the page might attempt.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

const CSS = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5a5a64; --line: #d9d9e0; --panel: #f6f6f9; --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 960px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 28px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 40px 0 8px; padding-top: 12px; border-top: 1px solid var(--line); }
h3 { font-size: 16px; margin: 0 0 4px; }
p { margin: 6px 0; }
.sub, figcaption p, .note { color: var(--muted); }
nav { display: flex; flex-wrap: wrap; gap: 6px 14px; margin: 14px 0 0; font-size: 14px; }
a { color: var(--accent); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 12px; margin: 14px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px; background: var(--panel); }
.card .label { font-size: 13px; font-weight: 600; }
.card .value { font-size: 26px; font-weight: 650; margin: 2px 0; font-variant-numeric: tabular-nums; }
.card .ci, .card .def, .card .band { font-size: 12px; color: var(--muted); margin: 2px 0; }
.card .band { color: var(--ink); }
figure.chart { margin: 18px 0 26px; }
.plot { overflow-x: auto; }
.plot svg { max-width: 100%; height: auto; }
.plot figure { margin: 0; }
.empty { padding: 16px; border: 1px dashed var(--line); color: var(--muted); }
details { margin: 8px 0; }
summary { cursor: pointer; color: var(--accent); font-size: 14px; }
.table-wrap { overflow-x: auto; max-height: 480px; overflow-y: auto; border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--panel); position: sticky; top: 0; font-weight: 600; }
td.num, th.num { text-align: right; }
th button { all: unset; cursor: pointer; }
th button:focus-visible { outline: 2px solid var(--accent); }
th[aria-sort=ascending] button::after { content: " ▲"; }
th[aria-sort=descending] button::after { content: " ▼"; }
footer { margin: 40px auto 30px; font-size: 12px; color: var(--muted); }
@media print { details { display: none; } .table-wrap { max-height: none; } }
`;

// Sorts by data-sort (numbers numerically), cells without one last; runs once on load, no dependencies.
const SORT_SCRIPT = `
for (const table of document.querySelectorAll('table.sortable')) {
  const heads = [...table.tHead.rows[0].cells];
  heads.forEach((th, col) => th.querySelector('button').addEventListener('click', () => {
    const ascending = th.getAttribute('aria-sort') !== 'ascending';
    for (const h of heads) h.removeAttribute('aria-sort');
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    const numeric = th.classList.contains('num');
    const key = (row) => { const v = row.cells[col].dataset.sort; return v === undefined ? null : numeric ? Number(v) : v; };
    const body = table.tBodies[0];
    const rows = [...body.rows].sort((a, b) => {
      const x = key(a), y = key(b);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      const c = numeric ? x - y : String(x).localeCompare(String(y));
      return ascending ? c : -c;
    });
    body.append(...rows);
  }));
}
`;

export function renderHtml(data: ReportData): string {
  const sections = reportSections(data);
  const span =
    data.data.first_event && data.data.last_event
      ? `${data.data.first_event.slice(0, 10)} to ${data.data.last_event.slice(0, 10)}`
      : 'no events';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="generator" content="Baton">
<title>${escapeHtml(data.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(data.title)}</h1>
<p class="sub">${formatCount(data.data.conversations)} conversations, ${formatCount(data.metrics.find((m) => m.id === 'handoffs')?.value ?? 0)} handoffs, ${escapeHtml(span)} (business time zone ${escapeHtml(data.tz)}).</p>
<nav aria-label="Sections">${sections.map((s) => `<a href="#${s.id}">${escapeHtml(s.title)}</a>`).join('')}</nav>
</header>
<main>
${sections.map((s) => renderSection(s, data)).join('\n')}
</main>
<footer>Made by Baton from your own data. This file makes no network requests: styles, charts and the table sorting are all inside it. Every number is defined in the metric catalog (<code>baton metrics</code>).</footer>
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}

function renderSection(section: Section, data: ReportData): string {
  const parts = [`<section id="${section.id}">`, `<h2>${escapeHtml(section.title)}</h2>`];
  for (const note of section.notes) parts.push(`<p class="note">${escapeHtml(note)}</p>`);
  if (section.id === 'metrics') parts.push(metricCards(data));
  for (const chart of section.charts) parts.push(renderChart(chart));
  for (const block of section.tables) parts.push(renderBlock(block, section.id === 'metrics'));
  parts.push('</section>');
  return parts.join('\n');
}

function metricCards(data: ReportData): string {
  const band = new Map(data.benchmark?.metrics.map((m) => [m.metric as string, m]) ?? []);
  const card = (m: ReportMetric) => {
    const b = band.get(m.id);
    const fraction =
      m.numerator !== null && m.denominator !== null && m.unit === 'ratio'
        ? `${formatCount(m.numerator)} of ${formatCount(m.denominator)}`
        : `n = ${formatCount(m.denominator)}`;
    const ci = m.ci95 ? `95% interval ${formatInterval(m, m.unit)} · ` : '';
    return [
      `<div class="card" data-metric="${m.id}">`,
      `<div class="label">${escapeHtml(m.title)}</div>`,
      `<div class="value">${escapeHtml(formatNumber(m.value, m.unit))}</div>`,
      `<p class="ci">${escapeHtml(ci + fraction)}</p>`,
      b
        ? `<p class="band">${escapeHtml(`${data.benchmark!.segment.label} band (estimate): ${formatNumber(b.band[0], b.unit)} – ${formatNumber(b.band[1], b.unit)}; ${b.position === 'unknown' ? 'no data' : `${b.position}${b.clear ? '' : ', not clear at 95%'}`}`)}</p>`
        : '',
      `<p class="def">${escapeHtml(m.definition)}</p>`,
      '</div>',
    ].join('');
  };
  return `<div class="cards">${data.metrics.map(card).join('\n')}</div>`;
}

function renderChart(chart: Chart): string {
  const svg = chart.render();
  return [
    `<figure class="chart" id="chart-${chart.id}" data-chart="${chart.id}">`,
    `<figcaption><h3>${escapeHtml(chart.title)}</h3><p>${escapeHtml(chart.caption)}</p></figcaption>`,
    svg
      ? `<div class="plot" role="img" aria-label="${escapeHtml(chart.title)}">${svg}</div>`
      : '<p class="empty">No data for this chart.</p>',
    `<details data-table-for="${chart.id}"><summary>${escapeHtml(chart.title)} as a table</summary>`,
    renderTable(chart.table, { sortable: true }),
    '</details>',
    '</figure>',
  ].join('\n');
}

function renderBlock(block: TableBlock, collapsed: boolean): string {
  const table = renderTable(block.table, { sortable: block.sortable ?? false, id: block.id });
  if (collapsed)
    return `<details data-table-for="${block.id}"><summary>${escapeHtml(block.title)} as a table</summary>${table}</details>`;
  return `<h3>${escapeHtml(block.title)}</h3>${block.table.rows.length ? table : '<p class="empty">None.</p>'}`;
}

export function renderTable(table: ReportTable, options: { sortable: boolean; id?: string }): string {
  const cls = (numeric?: boolean) => (numeric ? ' class="num"' : '');
  const head = table.columns
    .map((c) =>
      options.sortable
        ? `<th scope="col"${cls(c.numeric)}><button type="button">${escapeHtml(c.label)}</button></th>`
        : `<th scope="col"${cls(c.numeric)}>${escapeHtml(c.label)}</th>`,
    )
    .join('');
  const body = table.rows
    .map(
      (row) =>
        `<tr>${row
          .map((cell, i) => {
            const sort = cell.value === null ? '' : ` data-sort="${escapeHtml(String(cell.value))}"`;
            return `<td${cls(table.columns[i]?.numeric)}${sort}>${escapeHtml(cell.text)}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  const attrs = `${options.id ? ` id="${options.id}"` : ''}${options.sortable ? ' class="sortable"' : ''}`;
  return `<div class="table-wrap"><table${attrs}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}
