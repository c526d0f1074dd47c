// Test helper: Debian's Chromium for the browser tests; CI must have it, a developer without it is told why a test skipped.
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

/** Flags that keep headless Chromium off the network and quiet on this closed machine. */
export const CHROMIUM_ARGS: readonly string[] = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

export const chromiumMissing = !existsSync(CHROMIUM);

/** The `skip` option for a browser test: never skipped in CI (.ci/run installs chromium). */
export const chromiumSkip: string | false =
  chromiumMissing && !process.env.CI
    ? `${CHROMIUM} is absent: apt-get install -y chromium to run this test`
    : false;
