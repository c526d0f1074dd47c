// GET /api/metrics: the metric catalog as data, the same entries every surface reads.
import { catalog } from '../../metrics/registry.js';
import type { Route } from '../context.js';

export const metricsRoute: Route = (app) => {
  app.get('/api/metrics', (c) => c.json({ metrics: catalog.metrics }));
};
