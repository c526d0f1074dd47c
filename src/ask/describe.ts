// The interpretation in words: what was measured, on which rows, over which dates, split or ranked how.
import { catalog } from '../metrics/registry.js';
import { describeRange } from './dates.js';
import type { AskQuery } from './types.js';

const title = (id: string) => (catalog.dimension(id)?.title ?? id).toLowerCase();
const list = (v: string | string[]) => (typeof v === 'string' ? v : v.join(' or '));

/** "from chat", "to Billing L1", "that started in email": how a filter reads after "handoffs". */
export function describeFilter(dimension: string, value: string | string[]): string {
  const v = list(value);
  const [side, what] = dimension.split('_') as [string, string | undefined];
  if ((side === 'from' || side === 'to') && what && ['channel', 'team', 'tier', 'agent'].includes(what))
    return `${side} ${what === 'channel' || what === 'team' ? '' : `${what} `}${v}`;
  switch (dimension) {
    case 'start_channel':
      return `that started in ${v}`;
    case 'start_team':
      return `first routed to ${v}`;
    case 'final_team':
      return `ending with ${v}`;
    case 'kind':
      return v === 'bot_to_human' ? 'from the bot to a human' : `of kind ${v}`;
    case 'transfer_type':
      return `recorded as ${v} transfers`;
    case 'weekday':
      return `on ${v}`;
    default:
      return `with ${title(dimension)} ${v}`;
  }
}

/** "Handoff success rate, handoffs from chat to email, 1-31 October 2026". */
export function describeQuery(query: AskQuery): string {
  const metrics = query.metrics.map((id) => catalog.metric(id)!);
  const grains = [...new Set(metrics.map((m) => m.grain))];
  const head = metrics.map((m) => m.title.toLowerCase()).join(' and ');
  const filters = Object.entries(query.where).map(([d, v]) => describeFilter(d, v));
  const parts = [head.charAt(0).toUpperCase() + head.slice(1)];
  parts.push(`${grains.map((g) => `${g}s`).join(' and ')}${filters.length ? ` ${filters.join(' ')}` : ''}`);
  parts.push(query.range ? describeRange(query.range) : 'all dates in the data');
  if (query.by.length && !query.rank) parts.push(`by ${query.by.map(title).join(' and ')}`);
  const compare = query.compare;
  if (compare && 'ranges' in compare)
    parts.push(`compared: ${compare.ranges.map(describeRange).join(' vs ')}`);
  else if (compare)
    parts.push(`compared by ${title(compare.dimension)}: ${compare.values.map(list).join(' vs ')}`);
  if (query.rank) {
    const r = query.rank;
    parts.push(
      `the ${r.limit} ${title(query.by[0]!)} values with the ${r.order === 'asc' ? 'lowest' : 'highest'} ${metrics[0]!.title.toLowerCase()}, ` +
        `among those with at least ${r.minSample} ${grains[0]}s`,
    );
  }
  if (query.focus)
    parts.push(
      `highlighting ${Object.entries(query.focus)
        .map(([d, v]) => `${title(d)} ${v.join(' or ')}`)
        .join(', ')}`,
    );
  return parts.join(', ');
}
