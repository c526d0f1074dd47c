// Picks the renderer for a report format: html (self-contained page), md (Markdown tables) or json (the data).
import type { ReportData } from './build-report.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';

export const REPORT_FORMATS = ['html', 'md', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderReport(data: ReportData, format: ReportFormat): string {
  if (format === 'md') return renderMarkdown(data);
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  return renderHtml(data);
}

/** The format a file name implies (`.md`, `.json`, otherwise html). */
export function formatFromPath(path: string): ReportFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'md';
  if (lower.endsWith('.json')) return 'json';
  return 'html';
}
