// The handover matrix at one level: handoffs from each row's owner to each column's owner, with their success rate.
import type { SqlEngine } from '../engine/sql-engine.js';
import { metricValue } from '../metrics/evaluate.js';
import { runQuery } from '../metrics/query.js';
import { catalog } from '../metrics/registry.js';
import type { MetricValue } from '../metrics/types.js';
import { LEVEL_DIMENSIONS, type NetworkLevel } from './levels.js';

/** What the catalog's dimensions call an empty owner field (at agent level: a handoff to a queue). */
export const NONE = '(none)';
/** The node the less busy agents are folded into. */
export const OTHER = '(other)';

export interface MatrixCell {
  from: string;
  to: string;
  handoffs: number;
  /** This cell's share of everything the row's owner handed on (its self-loops included). */
  share_of_from: number;
  /** Catalog `handoff_success_rate` over this cell's handoffs, with its Wilson interval. */
  success_rate: MetricValue;
}

export interface HandoverMatrix {
  level: NetworkLevel;
  /** Row and column order: busiest first (handed out + handed in + self-loops), `(other)` last. */
  nodes: string[];
  /** Non-empty cells, most handoffs first. */
  cells: MatrixCell[];
  handoffs: number;
  /** Agents folded into `(other)` and the handoffs that touch them; null when nothing was folded. */
  folded: { nodes: number; handoffs: number } | null;
}

interface RawCell {
  from: string;
  to: string;
  success: MetricValue;
}

/** Every (from, to) pair at the level, through the catalog: `handoff_success_rate` by the level's two dimensions. */
export async function handoverCells(
  engine: SqlEngine,
  level: NetworkLevel,
  tz: string,
): Promise<MatrixCell[]> {
  const dims = LEVEL_DIMENSIONS[level];
  const result = await runQuery(engine, { metrics: ['handoff_success_rate'], by: [dims.from, dims.to], tz });
  return withShares(
    result.rows.map((r) => ({
      from: String(r.dimensions[dims.from] ?? NONE),
      to: String(r.dimensions[dims.to] ?? NONE),
      success: r.values.handoff_success_rate!,
    })),
  );
}

/** Handoffs each node took part in, counting a self-loop once. */
export function nodeVolumes(cells: readonly MatrixCell[]): Map<string, number> {
  const volume = new Map<string, number>();
  for (const c of cells) {
    volume.set(c.from, (volume.get(c.from) ?? 0) + c.handoffs);
    if (c.to !== c.from) volume.set(c.to, (volume.get(c.to) ?? 0) + c.handoffs);
  }
  return volume;
}

export function byVolume(volume: ReadonlyMap<string, number>): string[] {
  return [...volume.entries()].sort((a, b) => b[1] - a[1] || compare(a[0], b[0])).map(([n]) => n);
}

/**
 * Keeps the `top` busiest named nodes and folds the rest into `(other)` (`(none)` is never folded: it is a
 * queue, not an agent). Folded cells add their handoffs and successes, and the rate is re-evaluated by the
 * catalog's own rule, so its interval is the one the catalog would give.
 */
export function buildMatrix(level: NetworkLevel, cells: readonly MatrixCell[], top?: number): HandoverMatrix {
  const ranked = byVolume(nodeVolumes(cells));
  const named = ranked.filter((n) => n !== NONE);
  const keep = new Set(top === undefined ? ranked : [...named.slice(0, top), NONE]);
  const foldedNodes = ranked.filter((n) => !keep.has(n));
  const handoffs = cells.reduce((s, c) => s + c.handoffs, 0);
  if (foldedNodes.length === 0) {
    return { level, nodes: ranked, cells: sortCells(cells), handoffs, folded: null };
  }
  const fold = (n: string) => (keep.has(n) ? n : OTHER);
  const merged = new Map<string, { from: string; to: string; k: number; n: number }>();
  let touching = 0;
  for (const c of cells) {
    const from = fold(c.from);
    const to = fold(c.to);
    if (from === OTHER || to === OTHER) touching += c.handoffs;
    const key = JSON.stringify([from, to]);
    const m = merged.get(key) ?? { from, to, k: 0, n: 0 };
    m.k += c.success_rate.numerator ?? 0;
    m.n += c.success_rate.denominator ?? 0;
    merged.set(key, m);
  }
  const rate = catalog.metric('handoff_success_rate')!;
  const foldedCells = withShares(
    [...merged.values()].map((m) => ({
      from: m.from,
      to: m.to,
      success: metricValue(rate, { numerator: m.k, denominator: m.n }),
    })),
  );
  return {
    level,
    nodes: [...ranked.filter((n) => keep.has(n)), OTHER],
    cells: sortCells(foldedCells),
    handoffs,
    folded: { nodes: foldedNodes.length, handoffs: touching },
  };
}

function withShares(raw: readonly RawCell[]): MatrixCell[] {
  const out = new Map<string, number>();
  for (const r of raw) out.set(r.from, (out.get(r.from) ?? 0) + (r.success.denominator ?? 0));
  return raw.map((r) => {
    const handoffs = r.success.denominator ?? 0;
    return {
      from: r.from,
      to: r.to,
      handoffs,
      share_of_from: handoffs / out.get(r.from)!,
      success_rate: r.success,
    };
  });
}

function sortCells(cells: readonly MatrixCell[]): MatrixCell[] {
  return [...cells].sort((a, b) => b.handoffs - a.handoffs || compare(a.from, b.from) || compare(a.to, b.to));
}

/** Code-point order, like the engine's, so ties break the same way everywhere. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
