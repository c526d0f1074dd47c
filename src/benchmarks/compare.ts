// Places measured handoff metrics against the industry-estimate bands, saying how sure the placement is.
import { UsageError } from '../model/errors.js';
import {
  BENCHMARK_CAVEAT,
  BENCHMARK_METRICS,
  BENCHMARK_SEGMENTS,
  type BenchmarkMetric,
  type BenchmarkSegment,
} from './bands.js';
import { isBenchmarkFile, readBenchmarkFile } from './config.js';

/** A measured value with its 95% interval, as `analyze` reports metrics. */
export interface MeasuredValue {
  value: number | null;
  ci95?: readonly [number, number] | null;
}

export type BenchmarkValues = Partial<Record<BenchmarkMetric, MeasuredValue | null>>;

export type BandPosition = 'below' | 'within' | 'above' | 'unknown';

export interface MetricComparison {
  metric: BenchmarkMetric;
  title: string;
  unit: 'ratio' | 'seconds';
  band: readonly [number, number];
  value: number | null;
  ci95: readonly [number, number] | null;
  /** Where the point value falls; bounds count as within. 'unknown' without a value. */
  position: BandPosition;
  /**
   * Whether the 95% interval agrees with the position: entirely below or above the band, or entirely inside
   * it. False without an interval, since sampling noise alone could then move the value across an edge.
   */
  clear: boolean;
  /**
   * Whether the position is on the good side: above the band for the rates, below it for the time.
   * Null when within the band (typical) or unknown.
   */
  good: boolean | null;
  caveat: string;
}

export interface BenchmarkComparison {
  segment: { id: string; label: string };
  metrics: MetricComparison[];
  caveat: string;
}

/** Finds a segment by id or label, ignoring case and surrounding space; undefined when none matches. */
export function findSegment(idOrLabel: string): BenchmarkSegment | undefined {
  const key = idOrLabel.trim().toLowerCase();
  return BENCHMARK_SEGMENTS.find((s) => s.id === key || s.label.toLowerCase() === key);
}

/** Compares measured values with one segment's bands; throws UsageError listing the segments if it is unknown. */
/**
 * Compares measured values with one segment's bands: a built-in segment by id or label, or a JSON file of
 * one's own bands (see readBenchmarkFile). Throws UsageError listing the segments if it is unknown.
 */
export function compareToBenchmark(segmentIdOrLabel: string, values: BenchmarkValues): BenchmarkComparison {
  const fromFile = isBenchmarkFile(segmentIdOrLabel);
  const segment = fromFile ? readBenchmarkFile(segmentIdOrLabel.trim()) : findSegment(segmentIdOrLabel);
  if (!segment) {
    const valid = BENCHMARK_SEGMENTS.map((s) => `${s.id} (${s.label})`).join(', ');
    throw new UsageError(
      `Unknown benchmark segment '${segmentIdOrLabel}'. Valid segments: ${valid}, or a JSON file of your own bands.`,
    );
  }
  const metrics = BENCHMARK_METRICS.map((info) => {
    const band = segment.bands[info.id];
    const measured = values[info.id];
    const value = measured && Number.isFinite(measured.value) ? (measured.value as number) : null;
    const ci = measured?.ci95 ?? null;
    const ci95 = ci && Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? ci : null;
    const position = positionOf(value, band);
    const clear = isClear(position, ci95, band);
    const good =
      position === 'below' ? info.good === 'down' : position === 'above' ? info.good === 'up' : null;
    return {
      metric: info.id,
      title: info.title,
      unit: info.unit,
      band,
      value,
      ci95,
      position,
      clear,
      good,
      caveat: caveatFor(segment.label, position, clear, ci95 !== null, fromFile),
    };
  });
  const caveat = fromFile
    ? `Bands from ${segmentIdOrLabel.trim()}: your own figures, compared as given; check they use Baton's definitions (baton metrics).`
    : BENCHMARK_CAVEAT;
  return { segment: { id: segment.id, label: segment.label }, metrics, caveat };
}

function positionOf(value: number | null, [low, high]: readonly [number, number]): BandPosition {
  if (value === null) return 'unknown';
  if (value < low) return 'below';
  if (value > high) return 'above';
  return 'within';
}

function isClear(
  position: BandPosition,
  ci95: readonly [number, number] | null,
  [low, high]: readonly [number, number],
): boolean {
  if (ci95 === null) return false;
  const [lo, hi] = ci95;
  if (position === 'below') return hi < low;
  if (position === 'above') return lo > high;
  if (position === 'within') return lo >= low && hi <= high;
  return false;
}

function caveatFor(
  label: string,
  position: BandPosition,
  clear: boolean,
  hasInterval: boolean,
  own: boolean,
): string {
  const source = own
    ? `The ${label} band is your own, read from a file.`
    : `The ${label} band is an industry estimate, not a measurement.`;
  if (position === 'unknown') return `${source} No value to compare.`;
  if (clear)
    return `${source} The whole 95% interval is ${position === 'within' ? 'inside' : position} the band.`;
  if (!hasInterval) return `${source} No 95% interval was given, so the position may be sampling noise.`;
  return `${source} The 95% interval crosses a band edge, so the position is not clear.`;
}
