// Test helper: the real public logs in the repo's sibling `shared/data`, skipped only outside CI when absent.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The path of a shared file, or null (after skipping the test) when the folder is absent outside CI.
 * `data` is `new URL('../../../shared/data/', import.meta.url)` computed in the test file itself.
 */
export function sharedFile(
  t: { skip: (message: string) => void },
  data: URL,
  relative: string,
): string | null {
  const folder = fileURLToPath(data);
  if (!existsSync(folder)) {
    assert.ok(!process.env.CI, `the shared data folder ${folder} is missing, and CI must have it`);
    t.skip(`the shared data folder ${folder} is absent (a fresh clone): real-log test skipped`);
    return null;
  }
  const file = fileURLToPath(new URL(relative, data));
  assert.ok(existsSync(file), `${file} is missing from the shared data folder`);
  return file;
}
