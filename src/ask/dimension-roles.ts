// Which catalog dimension a noun means for the metrics asked: "team" is to_team for handoffs, start_team for conversations.
import { catalog } from '../metrics/registry.js';
import type { Grain } from '../metrics/types.js';
import type { Role } from './match-values.js';

/** Dimension ids to try in order; the first one every asked metric's grain can be sliced by wins. */
const CANDIDATES: Readonly<Record<string, Readonly<Record<Role, readonly string[]>>>> = {
  channel: { none: ['start_channel'], from: ['from_channel', 'start_channel'], to: ['to_channel'] },
  team: { none: ['to_team', 'start_team'], from: ['from_team', 'start_team'], to: ['to_team', 'final_team'] },
  tier: { none: ['to_tier'], from: ['from_tier'], to: ['to_tier'] },
  agent: { none: ['to_agent'], from: ['from_agent'], to: ['to_agent'] },
};

export function candidates(noun: string, role: Role): readonly string[] {
  const list = CANDIDATES[noun];
  if (list) return list[role];
  const single: Readonly<Record<string, string>> = { transfertype: 'transfer_type' };
  return [single[noun] ?? noun];
}

/** The first candidate that applies to every grain, or undefined when none does. */
export function resolveDimension(list: readonly string[], grains: readonly Grain[]): string | undefined {
  return list.find((id) => {
    const d = catalog.dimension(id);
    return d !== undefined && grains.every((g) => d.sql[g] !== undefined);
  });
}

/** "team" → "a team", "transfertype" → "a transfer type": how the refusal names what was asked for. */
export function nounText(noun: string): string {
  return noun === 'transfertype' ? 'transfer type' : noun.replaceAll('_', ' ');
}
