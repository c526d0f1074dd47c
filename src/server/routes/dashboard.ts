// GET / and /assets/*: the dashboard page and its bundle (built by esbuild from src/dashboard into dist).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Route } from '../context.js';
import { HttpError, notFound } from '../errors.js';

/** Where `npm run build:dashboard` writes the bundle, next to the compiled dashboard sources. */
export const BUNDLE_DIR = fileURLToPath(new URL('../../dashboard/bundle/', import.meta.url));

const ASSETS: Record<string, string> = {
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
};

// Only the server itself: no CDN, no fonts, no third-party requests. Plot styles its SVGs inline.
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Baton dashboard</title>
<link rel="stylesheet" href="/assets/dashboard.css">
<script type="module" src="/assets/dashboard.js"></script>
</head>
<body>
<noscript>The Baton dashboard needs JavaScript; the JSON API is at /api/openapi.json.</noscript>
<div id="app"></div>
</body>
</html>
`;

function readAsset(name: string): string | undefined {
  const path = `${BUNDLE_DIR}${name}`;
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export const dashboardRoute: Route = (app) => {
  const assets = new Map(Object.keys(ASSETS).map((name) => [name, readAsset(name)]));
  app.get('/', (c) => {
    if ([...assets.values()].some((a) => a === undefined)) {
      throw new HttpError(
        503,
        'dashboard-not-built',
        `The dashboard bundle is missing from ${BUNDLE_DIR}: run npm run build:dashboard.`,
      );
    }
    c.header('Content-Security-Policy', CSP);
    return c.html(PAGE);
  });
  app.get('/assets/:file', (c) => {
    const name = c.req.param('file');
    const body = assets.get(name);
    const type = ASSETS[name];
    if (body === undefined || type === undefined) throw notFound('file', `There is no asset '${name}'.`);
    return c.body(body, 200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
  });
};
