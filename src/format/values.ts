// How numbers read for people (terminal, report, dashboard, answers): percentages for ratios, minutes and hours for seconds, separators for counts.
import type { MetricValue, Unit } from '../metrics/types.js';

export function formatNumber(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'count':
      return Math.round(value).toLocaleString('en-US');
    case 'ratio':
      return `${(value * 100).toFixed(1)}%`;
    case 'seconds':
      return formatDuration(value);
    case 'score':
    case 'per-conversation':
      return value.toFixed(2);
  }
}

const DURATION_SCALES = [
  { below: 90, size: 1, suffix: 's' },
  { below: 90 * 60, size: 60, suffix: 'm' },
  { below: 48 * 3600, size: 3600, suffix: 'h' },
  { below: Number.POSITIVE_INFINITY, size: 86400, suffix: 'd' },
] as const;

/** Seconds in the largest readable unit; `scaleOf` forces the unit of another value (interval ends match the value). */
export function formatDuration(seconds: number, scaleOf = seconds): string {
  const scale = DURATION_SCALES.find((d) => Math.abs(scaleOf) < d.below)!;
  const v = seconds / scale.size;
  return `${v.toFixed(scale.size === 1 && Math.abs(v) >= 10 ? 0 : 1)}${scale.suffix}`;
}

/** `76.5% – 81.7%`: both ends in the value's own unit and scale. */
export function formatInterval(v: MetricValue, unit: Unit): string {
  if (!v.ci95) return '';
  const [lo, hi] = v.ci95;
  if (unit === 'seconds')
    return `${formatDuration(lo, v.value ?? hi)} – ${formatDuration(hi, v.value ?? hi)}`;
  return `${formatNumber(lo, unit)} – ${formatNumber(hi, unit)}`;
}

export function formatCount(n: number | null): string {
  return n === null ? '—' : n.toLocaleString('en-US');
}
