// Test helper: deep equality for answers from different engines, numbers within 1e-9 relative.
import assert from 'node:assert/strict';

/** Numbers equal to 1e-9 relative, everything else exactly (same keys, same order of array items). */
export function assertClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const scale = Math.max(1, Math.abs(expected));
    assert.ok(Math.abs(actual - expected) <= 1e-9 * scale, `${path}: ${actual} vs ${expected}`);
  } else if (expected !== null && typeof expected === 'object') {
    assert.equal(typeof actual, 'object', path);
    assert.equal(Array.isArray(actual), Array.isArray(expected), `${path}: array`);
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    assert.deepEqual(Object.keys(a).sort(), Object.keys(e).sort(), `${path}: keys`);
    for (const key of Object.keys(e)) assertClose(a[key], e[key], `${path}.${key}`);
  } else assert.equal(actual, expected, path);
}
