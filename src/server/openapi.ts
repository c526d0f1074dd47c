// The API as an OpenAPI 3.1 document: every route, its parameters, and the shared error body.
import { catalog } from '../metrics/registry.js';

const filterParams = [
  {
    name: 'from',
    in: 'query',
    description: 'First date kept (YYYY-MM-DD, business time zone), on each grain’s own time column.',
    schema: { type: 'string', format: 'date' },
  },
  {
    name: 'to',
    in: 'query',
    description: 'Last date kept (inclusive).',
    schema: { type: 'string', format: 'date' },
  },
  {
    name: 'where',
    in: 'query',
    style: 'deepObject',
    explode: true,
    description:
      'where.DIMENSION=VALUE keeps rows whose dimension has this value, e.g. where.start_channel=chat.',
    schema: {
      type: 'object',
      additionalProperties: { type: 'string' },
      propertyNames: { enum: catalog.dimensions.map((d) => d.id) },
    },
  },
];

const json = (schema: object, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const errors = {
  '400': { $ref: '#/components/responses/Error' },
  '401': { $ref: '#/components/responses/Error' },
  '503': { $ref: '#/components/responses/Error' },
};
const object = { type: 'object' };

export function openApiDocument(): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Baton API',
      version: '0.1.0',
      description:
        'Read-only handoff analysis of the data `baton serve` was started on. Every number comes from the metric catalog. With --token, send Authorization: Bearer TOKEN (or ?token=TOKEN).',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        query: { type: 'apiKey', in: 'query', name: 'token' },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['code', 'severity', 'at', 'message'],
          properties: {
            code: { type: 'string' },
            severity: { enum: ['error', 'warning', 'info'] },
            at: { type: 'object' },
            message: { type: 'string' },
          },
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'problems'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                problems: { type: 'array', items: { $ref: '#/components/schemas/Problem' } },
              },
            },
          },
        },
        MetricValue: {
          type: 'object',
          properties: {
            value: { type: ['number', 'null'] },
            numerator: { type: ['number', 'null'] },
            denominator: { type: ['number', 'null'] },
            ci95: { type: ['array', 'null'], items: { type: 'number' } },
          },
        },
      },
      responses: {
        Error: json(
          { $ref: '#/components/schemas/Error' },
          'An error: 400 bad request, 401 no valid token, 404 not found, 414 query string too long, 422 bad data, 503 query timeout, 500 bug.',
        ),
      },
    },
    security: [{}, { bearer: [] }, { query: [] }],
    paths: {
      '/api/metrics': {
        get: {
          summary: 'The metric catalog.',
          responses: { '200': json(object, '{metrics: [...]}'), ...errors },
        },
      },
      '/api/dimensions': {
        get: {
          summary: 'Dimensions with the grains they fit.',
          responses: { '200': json(object, '{dimensions: [...]}'), ...errors },
        },
      },
      '/api/summary': {
        get: {
          summary: 'Headline metrics, funnel, paths, failing team pairs and handoff-time distribution.',
          description:
            'Metrics a filter cannot narrow (a handoff-only filter on a per-conversation rate) are left out and listed in not_applicable. The funnel keeps the conversations the filters keep; a handoff-only filter keeps conversations with such a handoff.',
          parameters: filterParams,
          responses: { '200': json(object, 'The summary.'), ...errors },
        },
      },
      '/api/query': {
        get: {
          summary: 'Catalog metrics by dimensions, filtered.',
          parameters: [
            {
              name: 'metric',
              in: 'query',
              required: true,
              description: 'Metric ids, comma-separated.',
              schema: { type: 'string' },
            },
            {
              name: 'by',
              in: 'query',
              description: 'Dimension ids, comma-separated.',
              schema: { type: 'string' },
            },
            ...filterParams,
          ],
          responses: {
            '200': json(object, '{metrics, by, where, rows: [{dimensions, values: {id: MetricValue}}]}'),
            ...errors,
          },
        },
      },
      '/api/ask': {
        get: {
          summary:
            'A question in plain English, read into a catalog query and answered (as baton ask --json).',
          parameters: [
            {
              name: 'q',
              in: 'query',
              required: true,
              description: 'The question.',
              schema: { type: 'string' },
            },
            {
              name: 'today',
              in: 'query',
              description: 'YYYY-MM-DD that relative dates count from; default today in the business zone.',
              schema: { type: 'string', format: 'date' },
            },
          ],
          responses: {
            '200': json(object, '{interpretation, text, sql, result: {groups, diagnosis?}}'),
            ...errors,
          },
        },
      },
      '/api/conversations': {
        get: {
          summary: 'The conversations behind a chart cell, oldest first, paged (at most 200 a page).',
          parameters: [
            ...filterParams,
            {
              name: 'cell',
              in: 'query',
              description:
                'DIMENSION:VALUE, repeated for each dimension of the cell (handoff_time_bucket:N for the distribution).',
              schema: { type: 'array', items: { type: 'string' } },
              explode: true,
            },
            {
              name: 'funnel',
              in: 'query',
              description:
                'CHANNEL:STAGE, a bar of the channel funnel (STAGE: reached, handed_on, resolved, abandoned): the conversations the filters keep that count in it. Not with cell.',
              schema: { type: 'string' },
            },
            {
              name: 'grain',
              in: 'query',
              description: 'What the cell counts: handoff (default) or conversation.',
              schema: { enum: ['handoff', 'conversation'] },
            },
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            },
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
          ],
          responses: { '200': json(object, '{total, limit, offset, conversations: [...]}'), ...errors },
        },
      },
      '/api/conversations/{id}': {
        get: {
          summary:
            'A conversation’s timeline: events in order with the owner in force, handoffs marked, waits.',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': json(object, '{conversation, events: [...]}'),
            '404': { $ref: '#/components/responses/Error' },
            ...errors,
          },
        },
      },
      '/api/openapi.json': {
        get: { summary: 'This document.', responses: { '200': json(object, 'OpenAPI 3.1') } },
      },
      '/': { get: { summary: 'The dashboard (HTML).', responses: { '200': { description: 'HTML page' } } } },
      '/assets/{file}': {
        get: {
          summary: 'The dashboard’s bundled script and stylesheet.',
          parameters: [
            { name: 'file', in: 'path', required: true, schema: { enum: ['dashboard.js', 'dashboard.css'] } },
          ],
          responses: {
            '200': { description: 'JavaScript or CSS' },
            '404': { $ref: '#/components/responses/Error' },
          },
        },
      },
    },
  };
}
