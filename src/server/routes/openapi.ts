// GET /api/openapi.json: the API described as OpenAPI 3.1.
import type { Route } from '../context.js';
import { openApiDocument } from '../openapi.js';

export const openApiRoute: Route = (app) => {
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
};
