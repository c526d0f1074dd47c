// Question text → lower-case word tokens (spelling variants joined first), and typo repair against a vocabulary.

/** Multi-word spellings of one idea, joined before splitting so they stay one token. */
const JOINS: readonly [RegExp, string][] = [
  [/[’‘`]/g, "'"],
  [/\bhand[\s-]+offs?\b/g, 'handoff'],
  [/\bhand[\s-]+overs?\b/g, 'handover'],
  [/\bping[\s-]*pong(s|ed|ing)?\b/g, 'pingpong'],
  [/\bback[\s-]+and[\s-]+forth\b/g, 'pingpong'],
  [/\be-mail\b/g, 'email'],
  [/\blive[\s-]+chat\b/g, 'chat'],
  [/\btransfer\s+types?\b/g, 'transfertype'],
  [/\b90th\b|\bp90\b|\b90(th)?\s*(%|percent)(ile)?\b/g, 'p90'],
  [/\bday\s+of\s+(the\s+)?week\b/g, 'weekday'],
  [/\b(time|hour)\s+of\s+(the\s+)?day\b/g, 'hour'],
  [/\bmonth[\s-]+over[\s-]+month\b/g, 'mom'],
  [/\bweek[\s-]+over[\s-]+week\b/g, 'wow'],
  [/\byear[\s-]+to[\s-]+date\b/g, 'ytd'],
  [/\bmonth[\s-]+to[\s-]+date\b/g, 'mtd'],
  [/→|->|=>/g, ' to '],
  [/&/g, ' and '],
  [/%/g, ' percent '],
];

export function normalize(question: string): string {
  let text = question.toLowerCase();
  for (const [pattern, replacement] of JOINS) text = text.replace(pattern, replacement);
  return text;
}

/** ISO dates stay whole; everything else splits on any non-alphanumeric character. */
export function tokenize(text: string): string[] {
  return normalize(text).match(/\d{4}-\d{2}-\d{2}|[a-z0-9]+/g) ?? [];
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Short month names are too close to names and words ("jane" is not June); they are not repaired towards. */
const NOT_TARGETS = new Set(['june', 'july']);
const sameLetters = (a: string, b: string) => [...a].sort().join('') === [...b].sort().join('');

/** Plural and -ies forms back to a word the vocabulary knows. */
export function singular(word: string, known: ReadonlySet<string>): string {
  if (known.has(word)) return word;
  if (word.endsWith('ies') && known.has(`${word.slice(0, -3)}y`)) return `${word.slice(0, -3)}y`;
  if (word.endsWith('es') && known.has(word.slice(0, -2))) return word.slice(0, -2);
  if (word.endsWith('s') && known.has(word.slice(0, -1))) return word.slice(0, -1);
  return word;
}

/**
 * A word the vocabulary does not know, of 4+ letters, becomes the one known word within edit distance 1
 * (2 from 7 letters on). Ties stay unrepaired: two equally close words would be a guess.
 */
export function repair(word: string, known: ReadonlySet<string>): string {
  const plain = singular(word, known);
  if (known.has(plain) || plain.length < 4 || !/^[a-z]+$/.test(plain)) return plain;
  const allowed = plain.length >= 7 ? 2 : 1;
  let best: string[] = [];
  let bestDistance = allowed + 1;
  for (const candidate of known) {
    if (candidate.length < 3 || NOT_TARGETS.has(candidate)) continue;
    const d = editDistance(plain, candidate, allowed);
    if (d < bestDistance) {
      best = [candidate];
      bestDistance = d;
    } else if (d === bestDistance && d <= allowed) best.push(candidate);
  }
  // Equally close words: the one with the same letters (a swap, "tiem" → time) wins; otherwise it is a guess.
  if (best.length > 1) best = best.filter((c) => sameLetters(c, plain));
  return best.length === 1 ? best[0]! : plain;
}
