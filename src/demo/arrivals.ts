// Conversation start times: busier in business hours, quieter on weekends, produced in order without storing them.
import { dayOfWeek, hourOfDay } from './calendar.js';
import type { Random } from './random.js';
import { ARRIVALS_BY_HOUR } from './scenario.js';

const HOUR = 3600;

/** Relative volume of each hour of the window, with a random factor per day (some days are just busier). */
function hourlyWeights(start: number, days: number, random: Random): Float64Array {
  const weights = new Float64Array(days * 24);
  for (let day = 0; day < days; day++) {
    const factor = random.lognormal(1, ARRIVALS_BY_HOUR.dailySigma);
    for (let h = 0; h < 24; h++) {
      const sec = start + (day * 24 + h) * HOUR;
      const weekend = dayOfWeek(sec) === 0 || dayOfWeek(sec) === 6;
      const profile = weekend ? ARRIVALS_BY_HOUR.weekend : ARRIVALS_BY_HOUR.weekday;
      weights[day * 24 + h] = profile[hourOfDay(sec)]! * factor;
    }
  }
  return weights;
}

/**
 * `count` arrival times (epoch seconds) in ascending order. Sorted uniforms are drawn one at a time, each
 * the minimum of the uniforms still to come, so no list of times is ever held; each is then mapped through
 * the cumulative hourly volume.
 */
export function* arrivalTimes(count: number, start: number, days: number, random: Random): Generator<number> {
  const weights = hourlyWeights(start, days, random);
  let total = 0;
  for (const w of weights) total += w;
  let hour = 0;
  let before = 0; // total weight of the hours before `hour`
  let u = 0;
  for (let remaining = count; remaining > 0; remaining--) {
    // The smallest of `remaining` uniforms on [u, 1): expm1 keeps precision when `remaining` is in the millions.
    u += (1 - u) * -Math.expm1(Math.log(1 - random.next()) / remaining);
    const target = u * total;
    while (hour < weights.length - 1 && before + weights[hour]! <= target) {
      before += weights[hour]!;
      hour++;
    }
    const within = Math.min(Math.max((target - before) / weights[hour]!, 0), 0.999999);
    yield start + hour * HOUR + Math.floor(within * HOUR);
  }
}
