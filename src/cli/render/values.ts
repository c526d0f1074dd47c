// How numbers read on a terminal: percentages for ratios, minutes and hours for seconds, separators for counts.
import type { MetricValue, Unit } from '../../metrics/types.js';

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

export function formatDuration(seconds: number): string {
  const s = Math.abs(seconds);
  const sign = seconds < 0 ? '-' : '';
  if (s < 90) return `${sign}${s.toFixed(s < 10 ? 1 : 0)}s`;
  if (s < 90 * 60) return `${sign}${(s / 60).toFixed(1)}m`;
  if (s < 48 * 3600) return `${sign}${(s / 3600).toFixed(1)}h`;
  return `${sign}${(s / 86400).toFixed(1)}d`;
}

/** `79.2% (95% CI 76.5–81.7%)` */
export function formatInterval(v: MetricValue, unit: Unit): string {
  if (!v.ci95) return '';
  return `${formatNumber(v.ci95[0], unit)} – ${formatNumber(v.ci95[1], unit)}`;
}

export function formatCount(n: number | null): string {
  return n === null ? '—' : n.toLocaleString('en-US');
}
