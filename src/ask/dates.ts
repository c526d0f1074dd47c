// Relative and named dates in a question ("last month", "since March", "last 7 days") → inclusive date ranges.
import { NUMBER_WORDS, readNumber } from './numbers.js';
import type { DateRange } from './types.js';

export interface FoundRange {
  range: DateRange;
  /** Token span [start, end) the range was read from. */
  start: number;
  end: number;
}

export interface DateScan {
  ranges: FoundRange[];
  /** The question asks about the future ("next month"): Baton measures, it does not forecast. */
  future: boolean;
}

const MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const UNITS = new Set(['day', 'week', 'month', 'quarter', 'year']);
const FUTURE = new Set(['next', 'tomorrow', 'upcoming', 'forecast', 'predict', 'projected', 'will']);
// "may" is a month only where a date is expected: after these words or before a day or year.
const DATE_LEAD = new Set([
  'in',
  'since',
  'during',
  'of',
  'from',
  'between',
  'and',
  'to',
  'until',
  'through',
]);

/** Words this module reads, for typo repair. */
export const DATE_WORDS: readonly string[] = [
  ...Object.keys(MONTHS).filter((m) => m.length > 3),
  ...Object.keys(NUMBER_WORDS),
  ...UNITS,
  ...FUTURE,
  'yesterday',
  'today',
  'this',
  'last',
  'previous',
  'prior',
  'past',
  'since',
  'ytd',
  'mtd',
  'qtd',
];

type Day = Date;
const day = (iso: string): Day => new Date(`${iso}T00:00:00Z`);
const iso = (d: Day): string => d.toISOString().slice(0, 10);
const addDays = (d: Day, n: number): Day => new Date(d.getTime() + n * 86_400_000);
const ymd = (y: number, m: number, dd: number): Day => new Date(Date.UTC(y, m - 1, dd));
const monthEnd = (y: number, m: number): Day => ymd(y, m + 1, 0);

function unitStart(d: Day, unit: string): Day {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  if (unit === 'day') return d;
  if (unit === 'week') return addDays(d, -((d.getUTCDay() + 6) % 7));
  if (unit === 'month') return ymd(y, m, 1);
  if (unit === 'quarter') return ymd(y, m - ((m - 1) % 3), 1);
  return ymd(y, 1, 1);
}

function unitShift(d: Day, unit: string, n: number): Day {
  if (unit === 'day') return addDays(d, n);
  if (unit === 'week') return addDays(d, 7 * n);
  if (unit === 'month') return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1 + n, d.getUTCDate());
  if (unit === 'quarter') return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1 + 3 * n, d.getUTCDate());
  return ymd(d.getUTCFullYear() + n, d.getUTCMonth() + 1, d.getUTCDate());
}

interface Period {
  from: Day;
  to: Day;
  len: number;
}

/** How many units back ("last 3 months", "past ninety days"): up to three digits, or a number word. */
const count = (t: string | undefined): number | undefined => readNumber(t, 3);
const dayOfMonth = (t: string | undefined): number | undefined => {
  const m = t?.match(/^(\d{1,2})(st|nd|rd|th)?$/);
  const n = m ? Number(m[1]) : undefined;
  return n !== undefined && n >= 1 && n <= 31 ? n : undefined;
};
const year = (t: string | undefined): number | undefined => (t && /^20\d\d$/.test(t) ? Number(t) : undefined);

/** Reads the dates in `tokens` against `today` (YYYY-MM-DD); `taken` marks the tokens used. */
export function scanDates(tokens: readonly string[], today: string, taken: boolean[]): DateScan {
  const now = day(today);
  const ranges: FoundRange[] = [];
  let future = false;

  const monthAt = (i: number): number | undefined => {
    const t = tokens[i];
    // Own keys only: "constructor" is not a month.
    if (t === undefined || !Object.hasOwn(MONTHS, t)) return undefined;
    if (t === 'may' || t === 'mar') {
      const lead = DATE_LEAD.has(tokens[i - 1] ?? '');
      if (!lead && dayOfMonth(tokens[i + 1]) === undefined && year(tokens[i + 1]) === undefined)
        return undefined;
    }
    return MONTHS[t];
  };

  // The latest such month not after today, unless a year is named.
  const namedMonth = (m: number, y: number | undefined): number =>
    y ?? (m <= now.getUTCMonth() + 1 ? now.getUTCFullYear() : now.getUTCFullYear() - 1);

  const period = (i: number): Period | undefined => {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (t === undefined) return undefined;
    if (t === 'today') return { from: now, to: now, len: 1 };
    if (t === 'yesterday') return { from: addDays(now, -1), to: addDays(now, -1), len: 1 };
    if (t === 'ytd' || t === 'mtd' || t === 'qtd') {
      const unit = t === 'ytd' ? 'year' : t === 'mtd' ? 'month' : 'quarter';
      return { from: unitStart(now, unit), to: now, len: 1 };
    }
    if ((t === 'this' || t === 'current') && next && UNITS.has(next))
      return { from: unitStart(now, next), to: now, len: 2 };
    if (t === 'last' || t === 'past' || t === 'previous' || t === 'prior') {
      const n = count(next);
      const unit = tokens[i + 2];
      if (n !== undefined && unit && UNITS.has(unit))
        return { from: addDays(unitShift(now, unit, -n), 1), to: now, len: 3 };
      if (next && UNITS.has(next)) {
        // "past week" is the 7 days to today; "last week" is the calendar week before this one.
        if (t === 'past') return { from: addDays(unitShift(now, next, -1), 1), to: now, len: 2 };
        const start = unitShift(unitStart(now, next), next, -1);
        return { from: start, to: addDays(unitStart(now, next), -1), len: 2 };
      }
      return undefined;
    }
    const nextUnit =
      (next !== undefined && UNITS.has(next)) ||
      (count(next) !== undefined && UNITS.has(tokens[i + 2] ?? ''));
    if (FUTURE.has(t) && (t !== 'next' || nextUnit)) {
      future = true;
      return undefined;
    }
    const q = t.match(/^q([1-4])$/);
    if (q) {
      const y = year(next) ?? now.getUTCFullYear();
      const first = ymd(y, 3 * Number(q[1]) - 2, 1);
      const from = year(next) === undefined && first > now ? ymd(y - 1, 3 * Number(q[1]) - 2, 1) : first;
      return { from, to: addDays(unitShift(from, 'quarter', 1), -1), len: year(next) ? 2 : 1 };
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return { from: day(t), to: day(t), len: 1 };
    const d = dayOfMonth(t);
    const m = monthAt(i);
    if (d !== undefined && monthAt(i + 1) !== undefined) {
      const month = monthAt(i + 1)!;
      const y = namedMonth(month, year(tokens[i + 2]));
      return { from: ymd(y, month, d), to: ymd(y, month, d), len: year(tokens[i + 2]) ? 3 : 2 };
    }
    if (m !== undefined) {
      const dd = dayOfMonth(next);
      if (dd !== undefined && year(next) === undefined) {
        const y = namedMonth(m, year(tokens[i + 2]));
        return { from: ymd(y, m, dd), to: ymd(y, m, dd), len: year(tokens[i + 2]) ? 3 : 2 };
      }
      const y = namedMonth(m, year(next));
      return { from: ymd(y, m, 1), to: monthEnd(y, m), len: year(next) ? 2 : 1 };
    }
    const y = year(t);
    if (y !== undefined && DATE_LEAD.has(tokens[i - 1] ?? ''))
      return { from: ymd(y, 1, 1), to: ymd(y, 12, 31), len: 1 };
    return undefined;
  };

  for (let i = 0; i < tokens.length; i++) {
    if (taken[i]) continue;
    const t = tokens[i];
    let found: { from: Day; to: Day; start: number; end: number } | undefined;
    if (t === 'since' || t === 'after') {
      const p = period(i + 1);
      if (p)
        found = { from: t === 'after' ? addDays(p.to, 1) : p.from, to: now, start: i, end: i + 1 + p.len };
    } else if (t === 'from' || t === 'between') {
      const a = period(i + 1);
      const joiner = a ? tokens[i + 1 + a.len] : undefined;
      const b =
        a && joiner && /^(to|and|until|through|till|til)$/.test(joiner) ? period(i + 2 + a.len) : undefined;
      if (a && b) found = { from: a.from, to: b.to, start: i, end: i + 2 + a.len + b.len };
    }
    if (!found) {
      const p = period(i);
      if (p) found = { from: p.from, to: p.to, start: i, end: i + p.len };
    }
    if (!found) continue;
    for (let k = found.start; k < found.end; k++) taken[k] = true;
    if (found.from > now) {
      future = true;
      continue;
    }
    const to = new Date(Math.min(found.to.getTime(), now.getTime()));
    ranges.push({ range: { from: iso(found.from), to: iso(to) }, start: found.start, end: found.end });
    i = found.end - 1;
  }
  return { ranges, future };
}

/** "1-31 October 2026", "2-8 November 2026", "14 October - 12 November 2026", "11 November 2026". */
export function describeRange(range: DateRange): string {
  const [fy, fm, fd] = range.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = range.to.split('-').map(Number) as [number, number, number];
  const month = (m: number) => MONTH_NAMES[m - 1]!;
  if (range.from === range.to) return `${fd} ${month(fm)} ${fy}`;
  if (fy === ty && fm === tm) return `${fd}-${td} ${month(fm)} ${fy}`;
  if (fy === ty) return `${fd} ${month(fm)} - ${td} ${month(tm)} ${ty}`;
  return `${fd} ${month(fm)} ${fy} - ${td} ${month(tm)} ${ty}`;
}
