// The demo's customers: a profile per customer number, the same on every contact they make.
import { Random } from './random.js';
import { SEGMENTS, type SegmentName } from './scenario.js';
import { VOCABULARY } from './texts.js';

/** Customer streams start here so they never collide with conversation streams (1, 2, 3, ...). */
const CUSTOMER_STREAM = 0x80000000;

export interface Customer {
  readonly id: string;
  readonly segment: SegmentName;
  readonly name: string;
  readonly company: string;
}

/** A customer's profile depends only on the seed and their number, so repeat contacts agree on it. */
export function customerProfile(seed: number, index: number): Customer {
  const random = new Random(seed, CUSTOMER_STREAM + index);
  return {
    id: 'CU' + String(index + 1).padStart(6, '0'),
    segment: random.weighted(SEGMENTS.shares),
    name: random.pick(VOCABULARY.firstNames),
    company: random.pick(VOCABULARY.companies),
  };
}
