// Text rendering of `baton network`: the lettered matrix, owner table, variants and push-to-front.
import { formatCount, formatInterval, formatNumber } from '../../format/values.js';
import type { MetricValue } from '../../metrics/types.js';
import { type HandoverMatrix, NONE } from '../../network/handover-matrix.js';
import type { Network } from '../../network/network.js';
import type { NodeSummary } from '../../network/node-summary.js';
import type { FrontRow } from '../../network/push-to-front.js';
import type { VariantList } from '../../network/variants.js';
import { renderTable } from './table.js';

/** Row labels longer than this are cut so the matrix stays on a terminal; --json has the full names. */
const LABEL_WIDTH = 22;

export function renderNetwork(network: Network): string {
  return [
    renderMatrix(network.matrix),
    renderNodes(network.nodes),
    renderVariants(network.variants.team, 'TEAM PATHS'),
    renderVariants(network.variants.channel, 'CHANNEL PATHS'),
    ...network.variants.not_measured.map((n) => `Not shown: ${n}`),
    renderPushToFront(network),
  ].join('\n\n');
}

const rate = (v: MetricValue) => [
  formatNumber(v.value, 'ratio'),
  formatInterval(v, 'ratio'),
  formatCount(v.denominator),
];

const oneLine = (v: MetricValue) =>
  `${formatNumber(v.value, 'ratio')} (95% interval ${formatInterval(v, 'ratio')}) n=${formatCount(v.denominator)}`;

const cut = (label: string, width = LABEL_WIDTH) =>
  label.length <= width ? label : `${label.slice(0, width - 1)}…`;

/** A, B, ... Z, AA, AB ...: column keys short enough for a wide matrix. */
function key(i: number): string {
  const letter = String.fromCharCode(65 + (i % 26));
  return i < 26 ? letter : key(Math.floor(i / 26) - 1) + letter;
}

function renderMatrix(m: HandoverMatrix): string {
  const keys = new Map(m.nodes.map((n, i) => [n, key(i)]));
  const count = new Map(m.cells.map((c) => [JSON.stringify([c.from, c.to]), c.handoffs]));
  const rows = m.nodes.map((from) => [
    keys.get(from)!,
    cut(from),
    ...m.nodes.map((to) => {
      const n = count.get(JSON.stringify([from, to]));
      return n === undefined ? '·' : formatCount(n);
    }),
  ]);
  const folded = m.folded
    ? `\n${m.folded.nodes} less busy ${m.level === 'agent' ? 'agents' : `${m.level}s`} folded into (other); ${formatCount(m.folded.handoffs)} handoffs touch them.`
    : '';
  const queued = m.cells.filter((c) => c.to === NONE).reduce((n, c) => n + c.handoffs, 0);
  const queue =
    m.level === 'agent' && queued > 0
      ? `\n(none) receives the ${formatCount(queued)} handoffs (${formatNumber(queued / m.handoffs, 'ratio')}) that nobody picked up.`
      : '';
  const top = m.cells
    .slice(0, 10)
    .map((c) => [
      cut(c.from),
      cut(c.to),
      formatCount(c.handoffs),
      formatNumber(c.share_of_from, 'ratio'),
      ...rate(c.success_rate),
    ]);
  return [
    `HANDOVER MATRIX BY ${m.level.toUpperCase()}: ${formatCount(m.handoffs)} handoffs; rows hand over, columns (by key) receive`,
    renderTable(
      [
        { header: '' },
        { header: `from \\ to` },
        ...m.nodes.map((n) => ({ header: keys.get(n)!, align: 'right' as const })),
      ],
      rows,
    ) +
      folded +
      queue,
    '',
    'BUSIEST HANDOVERS',
    renderTable(
      [
        { header: 'from' },
        { header: 'to' },
        { header: 'handoffs', align: 'right' },
        { header: 'share of from', align: 'right' },
        { header: 'success', align: 'right' },
        { header: '95% interval', align: 'right' },
        { header: 'n', align: 'right' },
      ],
      top,
    ),
  ].join('\n');
}

function renderNodes(nodes: readonly NodeSummary[]): string {
  return [
    'HANDOVER OF WORK BY OWNER',
    renderTable(
      [
        { header: 'owner' },
        { header: 'handed out', align: 'right' },
        { header: 'handed in', align: 'right' },
        { header: 'self-loops', align: 'right' },
        { header: 'partners out/in', align: 'right' },
        { header: 'top partner' },
        { header: 'its share', align: 'right' },
      ],
      nodes.map((s) => [
        cut(s.node),
        formatCount(s.handed_out),
        formatCount(s.handed_in),
        formatCount(s.self_loops),
        `${s.degree_out}/${s.degree_in}`,
        s.top_partner ? cut(s.top_partner) : '—',
        formatNumber(s.top_partner_share, 'ratio'),
      ]),
    ),
  ].join('\n');
}

function renderVariants(list: VariantList, title: string): string {
  const rows = list.top.map((v) => [
    v.path.join(' → '),
    formatCount(v.conversations),
    formatNumber(v.share, 'ratio'),
    formatNumber(v.cumulative_share, 'ratio'),
    ...rate(v.resolution_rate).slice(0, 2),
    formatNumber(v.resolution_time_median_s.value, 'seconds'),
  ]);
  const tail = list.tail.variants
    ? `\n${formatCount(list.tail.variants)} rarer variants, ${formatNumber(list.tail.share, 'ratio')} of conversations (${formatCount(list.tail.conversations)}), resolved ${formatNumber(list.tail.resolution_rate.value, 'ratio')} (${formatInterval(list.tail.resolution_rate, 'ratio')}).`
    : '';
  return [
    `VARIANTS: ${title} (${formatCount(list.variants)} distinct over ${formatCount(list.conversations)} conversations)`,
    renderTable(
      [
        { header: 'path' },
        { header: 'conversations', align: 'right' },
        { header: 'share', align: 'right' },
        { header: 'cumulative', align: 'right' },
        { header: 'resolved', align: 'right' },
        { header: '95% interval', align: 'right' },
        { header: 'median resolution', align: 'right' },
      ],
      rows,
    ) + tail,
  ].join('\n');
}

function renderPushToFront(network: Network): string {
  const p = network.push_to_front;
  const table = (label: string, rows: readonly FrontRow[], measure = 'closed at the front') =>
    renderTable(
      [
        { header: label },
        { header: measure, align: 'right' },
        { header: '95% interval', align: 'right' },
        { header: 'n', align: 'right' },
      ],
      rows.map((r) => [cut(r.value), ...rate(r.rate)]),
    );
  const bots = p.bot_containment;
  return [
    `PUSH-TO-FRONT (${p.metric}): ${p.definition}`,
    `Overall ${oneLine(p.overall)}`,
    table('start channel', p.by_start_channel),
    '',
    table('start team', p.by_start_team),
    '',
    table('start tier', p.by_start_tier),
    '',
    `BOT CONTAINMENT (${bots.metric}): ${bots.definition}`,
    bots.overall.denominator
      ? [
          `Overall ${oneLine(bots.overall)}`,
          table(
            'start channel',
            bots.by_start_channel.map((r) => ({ value: r.start_channel, rate: r.rate })),
            'contained',
          ),
        ].join('\n')
      : 'No conversation was first routed to a bot.',
    '',
    ...p.not_measured.map((n) => `Not measured: ${n}`),
  ].join('\n');
}
