// GET /api/dimensions: the dimensions metrics can be sliced and filtered by, with the grains each one fits.
import { catalog } from '../../metrics/registry.js';
import type { Route } from '../context.js';

export const dimensionsRoute: Route = (app) => {
  app.get('/api/dimensions', (c) =>
    c.json({
      dimensions: catalog.dimensions.map((d) => ({
        id: d.id,
        title: d.title,
        description: d.description,
        grains: Object.keys(d.sql),
        ...(d.values ? { values: d.values } : {}),
      })),
    }),
  );
};
