// The "handover of work" social-network view of each owner: what it passes on, receives, keeps, and to how many partners.
import { byVolume, compare, type MatrixCell, nodeVolumes } from './handover-matrix.js';

export interface NodeSummary {
  node: string;
  /** Handoffs to a different owner at this level. */
  handed_out: number;
  /** Handoffs from a different owner at this level. */
  handed_in: number;
  /** Handoffs that stayed with this owner at this level (e.g. agent to agent within one team). */
  self_loops: number;
  /** Distinct owners it handed to, and received from (itself excluded). */
  degree_out: number;
  degree_in: number;
  /** The owner it handed most to, and that partner's share of its handed-out work. */
  top_partner: string | null;
  top_partner_share: number | null;
}

/** One summary per node, busiest first; computed from the cells (one row per pair), never from handoff rows. */
export function summariseNodes(cells: readonly MatrixCell[]): NodeSummary[] {
  const nodes = new Map<string, NodeSummary & { top: number }>();
  const get = (node: string) => {
    let s = nodes.get(node);
    if (!s) {
      s = {
        node,
        handed_out: 0,
        handed_in: 0,
        self_loops: 0,
        degree_out: 0,
        degree_in: 0,
        top_partner: null,
        top_partner_share: null,
        top: 0,
      };
      nodes.set(node, s);
    }
    return s;
  };
  for (const c of cells) {
    const from = get(c.from);
    if (c.from === c.to) {
      from.self_loops += c.handoffs;
      continue;
    }
    const to = get(c.to);
    from.handed_out += c.handoffs;
    from.degree_out += 1;
    to.handed_in += c.handoffs;
    to.degree_in += 1;
    if (c.handoffs > from.top || (c.handoffs === from.top && compare(c.to, from.top_partner ?? '') < 0)) {
      from.top = c.handoffs;
      from.top_partner = c.to;
    }
  }
  return byVolume(nodeVolumes(cells)).map((n) => {
    const { top, ...s } = nodes.get(n)!;
    return { ...s, top_partner_share: s.handed_out > 0 ? top / s.handed_out : null };
  });
}
