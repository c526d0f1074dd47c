// The interval maths against textbook values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { meanInterval, slopeInterval, studentT975, wilson } from '../src/stats/intervals.js';

const close = (a: number, b: number, tol = 1e-3) => assert.ok(Math.abs(a - b) < tol, `${a} vs ${b}`);

test('Student t 97.5% quantiles', () => {
  close(studentT975(1), 12.7062);
  close(studentT975(2), 4.3027);
  close(studentT975(10), 2.2281);
  close(studentT975(30), 2.0423);
  close(studentT975(1000), 1.9623);
});

test('Wilson interval', () => {
  const [lo, hi] = wilson(240, 300)!;
  close(lo, 0.7509);
  close(hi, 0.8408);
  assert.deepEqual(wilson(0, 0), null);
  const [lo0, hi0] = wilson(0, 10)!;
  assert.equal(lo0, 0);
  close(hi0, 0.2775);
});

test('mean and slope intervals', () => {
  const [lo, hi] = meanInterval(10, 2, 11)!;
  close(lo, 10 - (2.2281 * 2) / Math.sqrt(11));
  close(hi, 10 + (2.2281 * 2) / Math.sqrt(11));
  assert.equal(meanInterval(10, null, 1), null);
  // y = 2x exactly: zero residual, zero-width interval.
  const [slo, shi] = slopeInterval(2, 5, 10, 40, 20)!;
  close(slo, 2);
  close(shi, 2);
});
