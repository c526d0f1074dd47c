// Business hours ('Mon-Fri 08:00-18:00'): parsed from the option, and the SQL test for "inside them" with bound values.
import type { Dialect } from '../engine/dialect.js';
import { duckdbDialect } from '../engine/dialects/duckdb.js';
import { UsageError } from '../model/errors.js';
import { problem } from '../model/problem.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export interface BusinessHours {
  /** ISO weekdays (1 = Monday ... 7 = Sunday) that are working days. */
  days: number[];
  /** Minutes after midnight, start inclusive, end exclusive, in the business time zone. */
  startMinute: number;
  endMinute: number;
  /** The text it was read from, for the report. */
  label: string;
}

export const DEFAULT_BUSINESS_HOURS = 'Mon-Fri 08:00-18:00';

/** Reads 'Mon-Fri 08:00-18:00', 'Mon,Wed,Fri 09:00-17:30' or 'Mon-Sun 00:00-24:00'. */
export function parseBusinessHours(text: string): BusinessHours {
  const bad = (why: string) =>
    new UsageError(`--business-hours '${text}': ${why}. Write it like 'Mon-Fri 08:00-18:00'.`, [
      problem('bad-business-hours', 'error', why, { field: 'business-hours' }),
    ]);
  const match = /^\s*([A-Za-z,-]+)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!match) throw bad('expected DAYS HH:MM-HH:MM');
  const days = new Set<number>();
  for (const part of match[1]!.toLowerCase().split(',')) {
    const [from, to] = part.split('-');
    const a = DAYS.indexOf((from ?? '').slice(0, 3) as (typeof DAYS)[number]);
    const b = to === undefined ? a : DAYS.indexOf(to.slice(0, 3) as (typeof DAYS)[number]);
    if (a < 0 || b < 0) throw bad(`unknown day in '${part}'`);
    // A range may wrap past Sunday (Sat-Mon).
    for (let d = a; ; d = (d + 1) % 7) {
      days.add(d + 1);
      if (d === b) break;
    }
  }
  const minute = (h: string, m: string) => Number(h) * 60 + Number(m);
  const startMinute = minute(match[2]!, match[3]!);
  const endMinute = minute(match[4]!, match[5]!);
  if (Number(match[3]) > 59 || Number(match[5]) > 59 || endMinute > 24 * 60 || startMinute >= endMinute)
    throw bad('the time range must run forwards within one day');
  return { days: [...days].sort(), startMinute, endMinute, label: text.trim() };
}

/** Minutes after local midnight of `column` (a UTC instant) in the zone bound to $tz. */
export function minuteOfDaySql(column: string, dialect: Dialect = duckdbDialect): string {
  const local = dialect.localTime(column);
  return `(${dialect.timePart('hour', local)} * 60 + ${dialect.timePart('minute', local)})`;
}

/** SQL true when `column` (a UTC instant) falls inside business hours; needs the params below and $tz. */
export function insideHoursSql(column: string, dialect: Dialect = duckdbDialect): string {
  // The local weekday picks a bit of the day mask; the local minute of the day falls in the range.
  const local = dialect.localTime(column);
  const minute = minuteOfDaySql(column, dialect);
  return `(${dialect.bitTest('$bh_days', `${dialect.timePart('isodow', local)} - 1`)}
    AND ${minute} >= ${whole('$bh_start', dialect)} AND ${minute} < ${whole('$bh_end', dialect)})`;
}

/** A bound number in arithmetic: PostgreSQL reads an uncast parameter as text, so it is cast there. */
export function whole(param: string, dialect: Dialect): string {
  return dialect.name === 'duckdb' ? param : `CAST(${param} AS ${dialect.doubleType})`;
}

export function businessHoursParams(hours: BusinessHours): {
  bh_days: number;
  bh_start: number;
  bh_end: number;
} {
  return {
    bh_days: hours.days.reduce((mask, d) => mask | (1 << (d - 1)), 0),
    bh_start: hours.startMinute,
    bh_end: hours.endMinute,
  };
}
