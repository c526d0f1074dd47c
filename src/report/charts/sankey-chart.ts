// Handoff paths as a Sankey diagram: d3-sankey lays the flows out, Observable Plot draws them.
import * as Plot from '@observablehq/plot';
import { sankey } from 'd3-sankey';
import type { FlowPath } from '../build-report.js';
import { CATEGORY, OKABE_ITO } from '../palette.js';
import { numberCell, textCell } from '../table.js';
import { CHART_WIDTH, type Chart, renderPlot } from './chart.js';

/** Routes longer than this many steps stop at the last step shown, so wide data stays legible. */
export const MAX_STEPS = 5;
/** Per step, the names beyond the largest few are merged into one node. */
const MAX_NODES_PER_STEP = 8;
const OTHER = '(other)';

interface FlowNode {
  key: string;
  name: string;
  step: number;
  outcome: boolean;
}
interface FlowLink {
  source: string;
  target: string;
  value: number;
  outcome: string;
}

/** The flow graph: node `step:name` per position in a route, then `endN:outcome` after the route's last step. */
export function flowGraph(paths: readonly FlowPath[]): { nodes: FlowNode[]; links: FlowLink[] } {
  const sizes = new Map<string, number>();
  for (const p of paths)
    p.sequence.slice(0, MAX_STEPS).forEach((name, step) => {
      const key = `${step}:${name}`;
      sizes.set(key, (sizes.get(key) ?? 0) + p.conversations);
    });
  const kept = new Set<string>();
  for (let step = 0; step < MAX_STEPS; step++) {
    const names = [...sizes.entries()]
      .filter(([k]) => k.startsWith(`${step}:`))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const [k] of names.slice(0, MAX_NODES_PER_STEP)) kept.add(k);
  }
  const nodes = new Map<string, FlowNode>();
  const links = new Map<string, FlowLink>();
  const node = (step: number, name: string, outcome = false) => {
    const shown = outcome || kept.has(`${step}:${name}`) ? name : OTHER;
    const key = `${outcome ? 'end' : ''}${step}:${shown}`;
    if (!nodes.has(key)) nodes.set(key, { key, name: shown, step, outcome });
    return key;
  };
  for (const p of paths) {
    const route = p.sequence.slice(0, MAX_STEPS).map((name, step) => node(step, name));
    // Each route ends in an outcome right after its last step, so no flow has to cross the columns after it.
    route.push(node(route.length, p.outcome, true));
    for (let i = 1; i < route.length; i++) {
      const source = route[i - 1]!;
      const target = route[i]!;
      const key = `${source}\u0000${target}\u0000${p.outcome}`;
      const link = links.get(key) ?? { source, target, value: 0, outcome: p.outcome };
      link.value += p.conversations;
      links.set(key, link);
    }
  }
  return { nodes: [...nodes.values()], links: [...links.values()] };
}

const outcomeColor = (outcome: string) =>
  outcome === 'resolved' ? CATEGORY.resolved : outcome === 'abandoned' ? CATEGORY.abandoned : OKABE_ITO[6];

export function sankeyChart(kind: 'channel' | 'team', paths: readonly FlowPath[]): Chart {
  const graph = flowGraph(paths);
  const plural = kind === 'channel' ? 'channels' : 'teams';
  return {
    id: `sankey-${kind}`,
    title: `Handoff paths between ${plural}`,
    caption: `Conversations flowing through ${plural} in order (left to right), ending resolved (blue) or abandoned (vermillion) after their last step. Routes are cut after ${MAX_STEPS} steps; small ${plural} at a step are merged into ${OTHER}.`,
    table: {
      columns: [
        { label: 'from' },
        { label: 'to' },
        { label: 'outcome' },
        { label: 'conversations', numeric: true },
      ],
      rows: graph.links.map((l) => {
        const label = (key: string) => {
          const n = graph.nodes.find((x) => x.key === key)!;
          return n.outcome ? `${n.name} (after step ${n.step})` : `${n.name} (step ${n.step + 1})`;
        };
        return [
          textCell(label(l.source)),
          textCell(label(l.target)),
          textCell(l.outcome),
          numberCell(l.value),
        ];
      }),
    },
    render: () => renderSankey(kind, graph),
  };
}

function renderSankey(kind: string, graph: { nodes: FlowNode[]; links: FlowLink[] }): string | null {
  if (graph.links.length === 0) return null;
  const height = Math.max(260, Math.min(640, 60 * Math.max(...countPerStep(graph.nodes))));
  const margin = { left: 10, right: 130, top: 10, bottom: 10 };
  const layout = sankey<FlowNode, FlowLink>()
    .nodeId((n) => n.key)
    // Each node in the column of its step, whatever the longest path through it.
    .nodeAlign((n) => n.step)
    .nodeWidth(14)
    .nodePadding(18)
    .nodeSort((a, b) => Number(a.outcome) - Number(b.outcome) || (b.value ?? 0) - (a.value ?? 0))
    .extent([
      [margin.left, margin.top],
      [CHART_WIDTH - margin.right, height - margin.bottom],
    ]);
  const { nodes, links } = layout({
    nodes: graph.nodes.map((n) => ({ ...n })),
    links: graph.links.map((l) => ({ ...l })),
  });
  const nodeName = (n: unknown) => (n as FlowNode).name;
  return renderPlot(`sankey-${kind}`, {
    height,
    margin: 0,
    x: { type: 'identity', axis: null },
    y: { type: 'identity', axis: null },
    marks: [
      Plot.link(links, {
        x1: (l) => l.source.x1,
        y1: (l) => l.y0,
        x2: (l) => l.target.x0,
        y2: (l) => l.y1,
        strokeWidth: (l) => Math.max(1, l.width ?? 1),
        stroke: (l) => outcomeColor(l.outcome),
        strokeOpacity: 0.45,
        curve: 'bump-x',
        title: (l) =>
          `${nodeName(l.source)} → ${nodeName(l.target)} (${l.outcome}): ${l.value.toLocaleString('en-US')}`,
      }),
      Plot.rect(nodes, {
        x1: 'x0',
        x2: 'x1',
        y1: 'y0',
        y2: 'y1',
        fill: (n) => (n.outcome ? outcomeColor(n.name) : '#444444'),
        title: (n) => `${n.name}: ${(n.value ?? 0).toLocaleString('en-US')}`,
      }),
      Plot.text(nodes, {
        x: (n) => (n.x1 ?? 0) + 6,
        y: (n) => ((n.y0 ?? 0) + (n.y1 ?? 0)) / 2,
        text: (n) => `${n.name} ${(n.value ?? 0).toLocaleString('en-US')}`,
        textAnchor: 'start',
        fontSize: 11,
        stroke: 'white',
        strokeWidth: 3,
        fill: '#111',
      }),
    ],
  });
}

function countPerStep(nodes: readonly FlowNode[]): number[] {
  const per = new Map<number, number>();
  for (const n of nodes) per.set(n.step, (per.get(n.step) ?? 0) + 1);
  return [...per.values()];
}
