// What every report chart is: an id, a title, a caption, the table it is drawn from, and its SVG rendered on demand.
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { OKABE_ITO } from '../palette.js';
import type { ReportTable } from '../table.js';

export interface Chart {
  /** Stable kebab-case id, used as the HTML anchor and in tests. */
  id: string;
  title: string;
  /** One or two sentences on how to read the chart. */
  caption: string;
  /** The same numbers as the chart, for screen readers, copy-paste and the Markdown report. */
  table: ReportTable;
  /** Inline SVG (or a Plot figure holding a legend and an SVG); null when there is nothing to draw. */
  render: () => string | null;
}

/** Width every chart is drawn at; the page scales SVGs down to the column width. */
export const CHART_WIDTH = 880;

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/**
 * Renders Observable Plot server-side: a linkedom document stands in for the browser's, and a fixed class
 * name keeps the output identical from run to run.
 */
export function renderPlot(id: string, options: Plot.PlotOptions): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const figure = Plot.plot({
    width: CHART_WIDTH,
    color: { range: [...OKABE_ITO] },
    ...options,
    style: { fontFamily: FONT, fontSize: '12px', background: 'white', color: '#222', overflow: 'visible' },
    className: `baton-plot-${id}`,
    // biome-ignore lint/suspicious/noExplicitAny: linkedom's Document stands in for the DOM type Plot expects.
    document: document as any,
  });
  return (figure as unknown as { outerHTML: string }).outerHTML;
}
