// The handover network in one call: the matrix at a level with each owner's summary, the variants, and push-to-front.
import type { SqlEngine } from '../engine/sql-engine.js';
import { buildMatrix, type HandoverMatrix, handoverCells, OTHER } from './handover-matrix.js';
import type { NetworkLevel } from './levels.js';
import { type NodeSummary, summariseNodes } from './node-summary.js';
import { type PushToFront, pushToFront } from './push-to-front.js';
import { type VariantList, variants } from './variants.js';

export interface NetworkOptions {
  level?: NetworkLevel;
  /** Busiest owners kept in the matrix; the rest fold into `(other)`. Default: DEFAULT_TOP for the level. */
  top?: number;
  /** Variants listed per path kind before the tail is folded. */
  variants?: number;
  tz?: string;
}

/** Agents are many, teams, channels and tiers few: 15 agents fit a terminal, 20 teams fit the report's heatmap. */
export const DEFAULT_TOP: Readonly<Record<NetworkLevel, number>> = Object.freeze({
  agent: 15,
  team: 20,
  channel: 20,
  tier: 20,
});

export const DEFAULT_VARIANTS = 10;

export interface Network {
  level: NetworkLevel;
  matrix: HandoverMatrix;
  /** One summary per owner shown in the matrix, computed before folding (degrees count every partner). */
  nodes: NodeSummary[];
  variants: { team: VariantList; channel: VariantList; not_measured: string[] };
  push_to_front: PushToFront;
}

export const VARIANTS_NOT_MEASURED: readonly string[] = Object.freeze([
  'Tier path: the conversations table has no tier_path yet (only team_path and channel_path).',
]);

/** Needs derived tables (Baton.ensureDerived). */
export async function handoverNetwork(engine: SqlEngine, options: NetworkOptions = {}): Promise<Network> {
  const level = options.level ?? 'team';
  const tz = options.tz ?? 'UTC';
  const cells = await handoverCells(engine, level, tz);
  const matrix = buildMatrix(level, cells, options.top ?? DEFAULT_TOP[level]);
  const shown = new Set(matrix.nodes.filter((n) => n !== OTHER));
  const top = options.variants ?? DEFAULT_VARIANTS;
  return {
    level,
    matrix,
    nodes: summariseNodes(cells).filter((s) => shown.has(s.node)),
    variants: {
      team: await variants(engine, 'team', top, tz),
      channel: await variants(engine, 'channel', top, tz),
      not_measured: [...VARIANTS_NOT_MEASURED],
    },
    push_to_front: await pushToFront(engine, tz),
  };
}
