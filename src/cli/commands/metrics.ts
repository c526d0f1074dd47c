// `baton metrics`: the catalog, so every number's definition is one command away.
import { catalog } from '../../metrics/registry.js';
import { UsageError } from '../../model/errors.js';
import type { Command } from '../command.js';
import { renderTable } from '../render/table.js';
import { writeJson } from '../shared-options.js';

export const metricsCommand: Command = {
  name: 'metrics',
  summary: 'List the metric catalog and dimensions, or show one metric in full.',
  usage: 'baton metrics [ID] [--json]',
  options: { json: { type: 'boolean', description: 'Print the catalog as JSON (with SQL).' } },
  async run(values, positionals, io) {
    const [id] = positionals;
    if (id) {
      const m = catalog.metric(id);
      if (!m)
        throw new UsageError(`No metric '${id}'. Metrics: ${catalog.metrics.map((x) => x.id).join(', ')}`);
      if (values.json) writeJson(io, m);
      else {
        const dims = catalog.dimensionsFor(m.grain).map((d) => d.id);
        io.out(
          [
            `${m.title} (${m.id})`,
            m.definition,
            `kind: ${m.kind}   grain: one row per ${m.grain}   unit: ${m.unit}   better: ${m.good}   interval: ${m.interval}`,
            `by: ${dims.join(', ')}`,
          ].join('\n'),
        );
      }
      return 0;
    }
    if (values.json) {
      writeJson(io, { metrics: catalog.metrics, dimensions: catalog.dimensions });
      return 0;
    }
    io.out(
      renderTable(
        [
          { header: 'id' },
          { header: 'unit' },
          { header: 'per' },
          { header: 'better' },
          { header: 'definition' },
        ],
        catalog.metrics.map((m) => [m.id, m.unit, m.grain, m.good, m.definition]),
      ),
    );
    io.out('\nDimensions (--by, --where):');
    io.out(
      renderTable(
        [{ header: 'id' }, { header: 'slices' }, { header: 'description' }],
        catalog.dimensions.map((d) => [d.id, Object.keys(d.sql).join(', '), d.description]),
      ),
    );
    return 0;
  },
};
