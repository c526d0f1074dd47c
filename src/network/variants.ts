// Variants: the most common routes conversations take (team or channel path), how they end, and the folded long tail.
import type { SqlEngine } from '../engine/sql-engine.js';
import { metricValue } from '../metrics/evaluate.js';
import { runQuery } from '../metrics/query.js';
import { catalog } from '../metrics/registry.js';
import type { MetricValue } from '../metrics/types.js';
import { compare } from './handover-matrix.js';

export type VariantBy = 'team' | 'channel';

const DIMENSION: Readonly<Record<VariantBy, string>> = Object.freeze({
  team: 'team_path',
  channel: 'channel_path',
});

/** The separator the derived paths use (docs/semantics.md, Paths). */
const SEPARATOR = ' → ';

export interface Variant {
  path: string[];
  conversations: number;
  share: number;
  /** Share of all conversations covered by this variant and every more common one. */
  cumulative_share: number;
  resolution_rate: MetricValue;
  resolution_time_median_s: MetricValue;
}

export interface VariantList {
  by: VariantBy;
  conversations: number;
  /** Distinct paths in the data. */
  variants: number;
  top: Variant[];
  /** The rarer variants folded together; their resolution rate re-evaluated by the catalog's rule. */
  tail: { variants: number; conversations: number; share: number; resolution_rate: MetricValue };
}

const EMPTY: MetricValue = { value: null, numerator: null, denominator: 0, ci95: null };

/** Catalog metrics by path, ranked like `topPaths` (most conversations first, then path text). */
export async function variants(
  engine: SqlEngine,
  by: VariantBy,
  top: number,
  tz: string,
): Promise<VariantList> {
  const dim = DIMENSION[by];
  const result = await runQuery(engine, {
    metrics: ['conversations', 'resolution_rate', 'resolution_time_median_s'],
    by: [dim],
    tz,
  });
  const rows = result.rows
    .map((r) => ({
      path: String(r.dimensions[dim]),
      conversations: r.values.conversations?.value ?? 0,
      resolution_rate: r.values.resolution_rate ?? EMPTY,
      resolution_time_median_s: r.values.resolution_time_median_s ?? EMPTY,
    }))
    .sort((a, b) => b.conversations - a.conversations || compare(a.path, b.path));
  const total = rows.reduce((s, r) => s + r.conversations, 0);
  const share = (n: number) => (total > 0 ? n / total : 0);
  let running = 0;
  const shown = rows.slice(0, top).map((r) => {
    running += r.conversations;
    return {
      ...r,
      path: r.path.split(SEPARATOR),
      share: share(r.conversations),
      cumulative_share: share(running),
    };
  });
  const rest = rows.slice(top);
  const restConversations = rest.reduce((s, r) => s + r.conversations, 0);
  const resolved = rest.reduce((s, r) => s + (r.resolution_rate.numerator ?? 0), 0);
  return {
    by,
    conversations: total,
    variants: rows.length,
    top: shown,
    tail: {
      variants: rest.length,
      conversations: restConversations,
      share: share(restConversations),
      resolution_rate: metricValue(catalog.metric('resolution_rate')!, {
        numerator: resolved,
        denominator: restConversations,
      }),
    },
  };
}
