// Business-time arithmetic on epoch seconds: business hours, agents' shifts, and the timestamp format.
import { type Agent, BUSINESS_HOURS, type Shift, type Team } from './scenario.js';

const DAY = 86400;
const HOUR = 3600;
const OFFSET = BUSINESS_HOURS.utcOffsetHours * HOUR;

/** Seconds since the epoch in business time (UTC plus the fixed offset). */
function local(sec: number): number {
  return sec + OFFSET;
}

/** 0 = Sunday ... 6 = Saturday, in business time. */
export function dayOfWeek(sec: number): number {
  // 1970-01-01 was a Thursday.
  return (Math.floor(local(sec) / DAY) + 4) % 7;
}

export function hourOfDay(sec: number): number {
  return Math.floor((((local(sec) % DAY) + DAY) % DAY) / HOUR);
}

function startOfDay(sec: number): number {
  return Math.floor(local(sec) / DAY) * DAY - OFFSET;
}

function within(days: readonly number[], startHour: number, endHour: number, sec: number): boolean {
  const hour = hourOfDay(sec);
  return days.includes(dayOfWeek(sec)) && hour >= startHour && hour < endHour;
}

export function isBusinessTime(sec: number): boolean {
  return within(BUSINESS_HOURS.days, BUSINESS_HOURS.startHour, BUSINESS_HOURS.endHour, sec);
}

export function onShift(shift: Shift, sec: number): boolean {
  return within(shift.days, shift.startHour, shift.endHour, sec);
}

/** `sec` itself when the shift is on, otherwise when it next starts. */
export function nextShiftStart(shift: Shift, sec: number): number {
  if (onShift(shift, sec)) return sec;
  const today = startOfDay(sec);
  for (let d = 0; d <= 7; d++) {
    const start = today + d * DAY + shift.startHour * HOUR;
    if (start >= sec && shift.days.includes(dayOfWeek(start))) return start;
  }
  throw new RangeError(`shift ${shift.name} has no working day`);
}

/** When the shift that is on at `sec` ends (assumes it is on). */
export function shiftEnd(shift: Shift, sec: number): number {
  return startOfDay(sec) + shift.endHour * HOUR;
}

export function agentsOnShift(team: Team, sec: number, except = ''): Agent[] {
  return team.agents.filter((agent) => agent.id !== except && onShift(agent.shift, sec));
}

/** Earliest moment from `sec` on when someone in the team (other than `except`) is working. */
export function teamAvailableFrom(team: Team, sec: number, except = ''): number {
  let best = Number.POSITIVE_INFINITY;
  for (const agent of team.agents) {
    if (agent.id === except) continue;
    best = Math.min(best, nextShiftStart(agent.shift, sec));
  }
  return best;
}

/** When the last shift running at `sec` in the team ends: the queue slows down as that approaches. */
export function teamClosesAt(team: Team, sec: number): number {
  let last = sec;
  for (const agent of agentsOnShift(team, sec)) last = Math.max(last, shiftEnd(agent.shift, sec));
  return last;
}

// The date part changes once a day while timestamps are formatted millions of times: keep the last one.
let cachedDay = Number.NaN;
let cachedDate = '';
const two = (n: number) => (n < 10 ? '0' : '') + n;

/** ISO 8601 in UTC to the second, e.g. 2026-10-01T09:15:02Z. */
export function formatTimestamp(sec: number): string {
  const day = Math.floor(sec / DAY);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day * DAY * 1000).toISOString().slice(0, 11);
  }
  const within = sec - day * DAY;
  const hours = Math.floor(within / HOUR);
  const minutes = Math.floor((within % HOUR) / 60);
  return `${cachedDate}${two(hours)}:${two(minutes)}:${two(within % 60)}Z`;
}

/** Parses a date or instant; a bare date means midnight UTC. */
export function parseStart(start: string): number {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(start) ? `${start}T00:00:00Z` : start;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`start must be an ISO date such as 2026-09-01, got ${start}`);
  return Math.floor(ms / 1000);
}
