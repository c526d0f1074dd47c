// Finds the data's own values in a question (channels, teams, agents, tiers, categories ...) and their role (from/to).
import { singular } from './tokenize.js';
import type { DataValues, ValueKind } from './types.js';
import { canonical, FILLER } from './vocabulary.js';

/** The noun that names each kind in a question ("the Billing team", "high priority"). */
export const KIND_NOUN: Readonly<Record<ValueKind, string>> = {
  channel: 'channel',
  team: 'team',
  tier: 'tier',
  agent: 'agent',
  category: 'category',
  segment: 'segment',
  priority: 'priority',
  transfer_type: 'transfertype',
  reason: 'reason',
};

export interface ValueEntry {
  kind: ValueKind;
  value: string;
  words: string[];
  /** Only with its noun next to it: "billing" alone is the category, "billing team" the team. */
  needsNoun: boolean;
}

export type Role = 'none' | 'from' | 'to';

export interface ValueMatch {
  kind: ValueKind;
  value: string;
  start: number;
  end: number;
  role: Role;
}

export interface ValueScan {
  matches: ValueMatch[];
  /** Words that name values of two different things, with what they could be. */
  ambiguous?: { text: string; options: string[] };
}

const TIER_SUFFIX = /^(l|t|tier)?\d$/;
const ORDINALS: Readonly<Record<string, number>> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  one: 1,
  two: 2,
  three: 3,
};
const FROM_WORDS = new Set(['from', 'leaving', 'sending', 'source', 'out', 'originating', 'outgoing']);
const TO_WORDS = new Set(['to', 'into', 'towards', 'onto', 'receiving', 'received', 'reaching', 'incoming']);
// "started in chat", "ending with Accounts L2": where the conversation began or ended.
const STARTED = new Set(['started', 'starting', 'began', 'begun', 'start', 'opened']);
const ENDED = new Set(['ending', 'ended', 'end', 'closed', 'finished']);
const NOT_DIRECTION = new Set(['compare', 'due', 'up', 'according', 'how', 'long', 'time', 'first']);

export function valueWords(text: string, known: ReadonlySet<string>): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).map((w) => canonical(singular(w, known)));
}

/** One entry per value, plus short names: "Billing L1" is also "billing" (next to "team"), "ana.silva" also "ana". */
export function valueEntries(
  values: DataValues,
  known: ReadonlySet<string>,
  vocabulary: ReadonlySet<string>,
): ValueEntry[] {
  const entries: ValueEntry[] = [];
  const common = (words: string[]) =>
    words.length === 1 && (FILLER.has(words[0]!) || vocabulary.has(words[0]!));
  for (const [kind, list] of Object.entries(values) as [ValueKind, string[]][]) {
    for (const value of list) {
      const words = valueWords(value, known);
      if (words.length === 0) continue;
      entries.push({ kind, value, words, needsNoun: kind === 'reason' || common(words) });
    }
  }
  const full = new Set(entries.map((e) => e.words.join(' ')));
  for (const team of values.team ?? []) {
    const words = valueWords(team, known);
    const short = words.length > 1 && TIER_SUFFIX.test(words.at(-1)!) ? words.slice(0, -1) : undefined;
    // Alone only when it names nothing else: "engineering" yes, "billing" (also a category) only as "billing team".
    if (short)
      entries.push({
        kind: 'team',
        value: team,
        words: short,
        needsNoun: common(short) || full.has(short.join(' ')),
      });
  }
  const firstNames = new Map<string, string[]>();
  for (const agent of values.agent ?? []) {
    const words = valueWords(agent, known);
    if (words.length > 1) firstNames.set(words[0]!, [...(firstNames.get(words[0]!) ?? []), agent]);
  }
  for (const [name, agents] of firstNames) {
    if (agents.length === 1 && !full.has(name) && !vocabulary.has(name) && !FILLER.has(name))
      entries.push({ kind: 'agent', value: agents[0]!, words: [name], needsNoun: false });
  }
  return entries.sort((a, b) => b.words.length - a.words.length);
}

/** Scans untaken tokens for values, longest first; marks the value's words (and its noun) taken. */
export function scanValues(
  tokens: readonly string[],
  taken: boolean[],
  entries: readonly ValueEntry[],
  values: DataValues,
): ValueScan {
  const matches: ValueMatch[] = [];
  const free = (i: number) => i >= 0 && i < tokens.length && !taken[i];
  const nounAt = (i: number, kind: ValueKind) => free(i) && tokens[i] === KIND_NOUN[kind];
  for (let i = 0; i < tokens.length; i++) {
    if (!free(i)) continue;
    const tier = tierNumberAt(tokens, i, values.tier ?? []);
    if (tier && [...Array(tier.len).keys()].every((k) => free(i + k))) {
      matches.push({ kind: 'tier', value: tier.value, start: i, end: i + tier.len, role: 'none' });
      for (let k = 0; k < tier.len; k++) taken[i + k] = true;
      i += tier.len - 1;
      continue;
    }
    const found: { entry: ValueEntry; len: number; noun: number | undefined }[] = [];
    for (const entry of entries) {
      const len = entry.words.length;
      const same = entry.words.every((w, k) => {
        const t = tokens[i + k];
        if (!free(i + k) || t === undefined) return false;
        // A short team name may be shortened further next to its noun: "tech team".
        return t === w || (entry.needsNoun && len === 1 && t.length >= 4 && w.startsWith(t));
      });
      if (!same) continue;
      // "high or urgent priority": the noun after a pair of values names both.
      const paired =
        ['or', 'and', 'compare'].includes(tokens[i + len] ?? '') && nounAt(i + len + 2, entry.kind);
      const noun = nounAt(i + len, entry.kind)
        ? i + len
        : nounAt(i - 1, entry.kind)
          ? i - 1
          : paired
            ? -1
            : undefined;
      if (entry.needsNoun && noun === undefined) continue;
      if (tokens[i] !== entry.words[0] && noun === undefined) continue;
      found.push({ entry, len, noun });
    }
    if (found.length === 0) continue;
    const longest = Math.max(...found.map((f) => f.len));
    let best = found.filter((f) => f.len === longest);
    if (best.some((f) => f.noun !== undefined)) best = best.filter((f) => f.noun !== undefined);
    const distinct = new Map(best.map((f) => [`${f.entry.kind}\u0000${f.entry.value}`, f]));
    if (distinct.size > 1) {
      return {
        matches,
        ambiguous: {
          text: tokens.slice(i, i + longest).join(' '),
          options: [...distinct.values()].map(
            (f) => `the ${f.entry.kind.replace('_', ' ')} ${f.entry.value}`,
          ),
        },
      };
    }
    const pick = best[0]!;
    const nounIndex = pick.noun === undefined || pick.noun < 0 ? i : pick.noun;
    const start = Math.min(i, nounIndex);
    const end = Math.max(i + pick.len, nounIndex + 1);
    for (let k = start; k < end; k++) taken[k] = true;
    matches.push({ kind: pick.entry.kind, value: pick.entry.value, start, end, role: 'none' });
    i = end - 1;
  }
  assignRoles(tokens, matches);
  return { matches };
}

/** "tier 2", "level two", "second line", "2nd-tier": the one tier value holding that number. */
function tierNumberAt(
  tokens: readonly string[],
  i: number,
  tiers: readonly string[],
): { value: string; len: number } | undefined {
  const number = (t: string | undefined) =>
    t === undefined ? undefined : /^\d$/.test(t) ? Number(t) : ORDINALS[t];
  let n: number | undefined;
  if (tokens[i] === 'tier') n = number(tokens[i + 1]);
  else if (tokens[i + 1] === 'tier' && !/^\d$/.test(tokens[i] ?? '')) n = number(tokens[i]);
  if (n === undefined) return undefined;
  const holding = tiers.filter((t) => (t.match(/\d+/)?.[0] ?? '') === String(n));
  return holding.length === 1 ? { value: holding[0]!, len: 2 } : undefined;
}

// Direction comes from the words just before a value ("from chat", "to the Billing team"), or from
// "chat to email": a value followed by "to" and another value of its kind is where the handoff came from.
function assignRoles(tokens: readonly string[], matches: ValueMatch[]): void {
  matches.sort((a, b) => a.start - b.start);
  matches.forEach((m, index) => {
    let j = m.start - 1;
    while (j >= 0 && ['the', 'our', 'a', 'of'].includes(tokens[j]!)) j--;
    const before = tokens[j];
    const linked = ['in', 'with', 'on', 'at', 'by'].includes(before ?? '') ? tokens[j - 1] : undefined;
    if (linked && STARTED.has(linked)) m.role = 'from';
    else if (linked && ENDED.has(linked)) m.role = 'to';
    else if (before && FROM_WORDS.has(before)) m.role = 'from';
    else if (before && TO_WORDS.has(before) && !NOT_DIRECTION.has(tokens[j - 1] ?? '')) m.role = 'to';
    const next = matches[index + 1];
    if (
      next &&
      next.kind === m.kind &&
      tokens[m.end] === 'to' &&
      next.start === m.end + 1 &&
      m.role === 'none'
    )
      m.role = 'from';
  });
}
