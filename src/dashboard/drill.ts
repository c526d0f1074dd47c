// Drill-down: the conversations behind a chart cell, and a conversation's timeline with owners, handoffs and waits.
/// <reference lib="dom" />
import { formatDuration } from '../format/values.js';
import type { ConversationPage, Timeline } from '../server/conversations.js';
import type { Filters } from '../server/filters.js';
import { filterPairs, getJson } from './api.js';
import type { CellTarget } from './charts.js';
import { el, fill } from './dom.js';

const PAGE = 25;

export class DrillPanel {
  constructor(
    private readonly container: HTMLElement,
    private readonly report: (error: unknown) => void,
  ) {}

  close(): void {
    fill(this.container);
    this.container.hidden = true;
  }

  async showCell(target: CellTarget, filters: Filters, offset = 0): Promise<void> {
    try {
      const pairs: [string, string][] = [
        ...filterPairs(filters),
        ...(target.funnel
          ? [['funnel', target.funnel] as [string, string]]
          : [
              ...Object.entries(target.cell).map(([k, v]) => ['cell', `${k}:${v}`] as [string, string]),
              ['grain', 'handoff'] as [string, string],
            ]),
        ['limit', String(PAGE)],
        ['offset', String(offset)],
      ];
      const page = await getJson<ConversationPage>('/api/conversations', pairs);
      const rows = page.conversations.map((c) => {
        const id = String(c.conversation_id);
        const open = el('button', { type: 'button', class: 'link', 'data-conversation': id }, id);
        open.addEventListener(
          'click',
          () => void this.showTimeline(id, () => this.showCell(target, filters, offset)),
        );
        return el(
          'tr',
          {},
          el('td', {}, open),
          el('td', {}, String(c.started_at ?? '')),
          el('td', {}, String(c.channel_path ?? '')),
          el('td', { class: 'num' }, String(c.handoff_count ?? 0)),
          el('td', {}, String(c.outcome ?? '')),
        );
      });
      const nav: HTMLElement[] = [];
      if (offset > 0)
        nav.push(
          this.button('Previous page', () => this.showCell(target, filters, Math.max(0, offset - PAGE))),
        );
      if (offset + PAGE < page.total)
        nav.push(this.button('Next page', () => this.showCell(target, filters, offset + PAGE)));
      const shown = page.conversations.length
        ? `${offset + 1}–${offset + page.conversations.length} of ${page.total}`
        : 'none';
      this.render(
        `Conversations: ${target.label}`,
        el('p', {}, `${page.total.toLocaleString('en-US')} conversations (showing ${shown}).`),
        el(
          'table',
          { class: 'list', id: 'drill-list' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ...['conversation', 'started (UTC)', 'channel path', 'handoffs', 'outcome'].map((h) =>
                el('th', { scope: 'col' }, h),
              ),
            ),
          ),
          el('tbody', {}, ...rows),
        ),
        el('p', { class: 'nav' }, ...nav),
      );
    } catch (error) {
      this.report(error);
    }
  }

  async showTimeline(id: string, back?: () => void): Promise<void> {
    try {
      const t = await getJson<Timeline>(`/api/conversations/${encodeURIComponent(id)}`);
      const items = t.events.map((e) => {
        const owner = e.owner
          ? [e.owner.team, e.owner.agent, e.owner.channel].filter((x) => x !== null).join(' · ')
          : 'not yet routed';
        const wait = e.gap_s === null ? '' : `+${formatDuration(e.gap_s)}`;
        const h = e.handoff;
        const handoff = h
          ? el(
              'p',
              { class: 'handoff-note' },
              `Handoff ${h.handoff_no} (${h.kind}): ${h.from_team ?? h.from_channel ?? '(none)'} → ${h.to_team ?? h.to_channel ?? '(none)'}; ` +
                (h.completed
                  ? `new owner replied after ${formatDuration(Number(h.handoff_time_s))}`
                  : 'never picked up') +
                (h.success ? ', then resolved' : ''),
            )
          : null;
        return el(
          'li',
          { class: h ? 'event handoff' : 'event', 'data-event': e.event_type },
          el(
            'p',
            { class: 'when' },
            el('time', { datetime: e.ts }, e.ts.replace('T', ' ').replace('Z', ' UTC')),
            el('span', { class: 'gap' }, wait),
          ),
          el(
            'p',
            { class: 'what' },
            el('strong', {}, e.event_type),
            ` ${[e.actor, e.agent_id].filter(Boolean).join(' ')}`,
            e.text ? ` — “${e.text}”` : '',
          ),
          handoff,
          el('p', { class: 'owner' }, `owner: ${owner}`),
        );
      });
      const c = t.conversation;
      this.render(
        `Conversation ${id}`,
        el(
          'p',
          {},
          `${c.channel_path} · ${c.handoff_count} handoffs · ${c.outcome}${c.resolution_s !== null ? ` in ${formatDuration(Number(c.resolution_s))}` : ''}`,
        ),
        el('ol', { class: 'timeline', id: 'timeline' }, ...items),
        el('p', { class: 'nav' }, ...(back ? [this.button('Back to the list', back)] : [])),
      );
    } catch (error) {
      this.report(error);
    }
  }

  private button(text: string, action: () => unknown): HTMLButtonElement {
    const b = el('button', { type: 'button' }, text);
    b.addEventListener('click', () => void action());
    return b;
  }

  /** Shows the panel and moves focus to its heading, so keyboard and screen-reader users land on it. */
  private render(title: string, ...content: HTMLElement[]): void {
    const heading = el('h2', { tabindex: '-1', id: 'drill-title' }, title);
    const close = this.button('Close', () => this.close());
    close.classList.add('close');
    fill(this.container, el('div', { class: 'drill-head' }, heading, close), ...content);
    this.container.hidden = false;
    heading.focus();
  }
}
