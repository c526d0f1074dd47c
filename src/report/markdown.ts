// Renders the report as Markdown tables, for a ticket or a wiki page; the same sections and numbers as the HTML.
import { formatCount } from '../format/values.js';
import type { ReportData } from './build-report.js';
import { reportSections } from './sections.js';
import type { ReportTable } from './table.js';

const cell = (text: string) => text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('\n', ' ');

export function markdownTable(table: ReportTable): string {
  if (table.rows.length === 0) return '_None._';
  const head = `| ${table.columns.map((c) => cell(c.label)).join(' | ')} |`;
  const rule = `|${table.columns.map((c) => (c.numeric ? '---:' : '---')).join('|')}|`;
  const rows = table.rows.map((r) => `| ${r.map((c) => cell(c.text)).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}

export function renderMarkdown(data: ReportData): string {
  const handoffs = data.metrics.find((m) => m.id === 'handoffs')?.value ?? 0;
  const out = [
    `# ${data.title}`,
    '',
    `${formatCount(data.data.conversations)} conversations, ${formatCount(handoffs)} handoffs (business time zone ${data.tz}).`,
  ];
  for (const section of reportSections(data)) {
    out.push('', `## ${section.title}`);
    for (const note of section.notes) out.push('', note);
    for (const block of section.tables) out.push('', markdownTable(block.table));
    for (const chart of section.charts)
      out.push('', `### ${chart.title}`, '', chart.caption, '', markdownTable(chart.table));
  }
  out.push('', '_Made by Baton; every number is defined in the metric catalog (`baton metrics`)._', '');
  return out.join('\n');
}
