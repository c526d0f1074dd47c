// ServiceNow incident audit exports (one snapshot of the incident per update) read as handoff events.
//
// Mapping (all SQL, each snapshot compared with the previous one of its incident, ordered by sys_mod_count then
// sys_updated_at; `?` is missing; dates are day-first `d/m/yyyy HH:MM` with no zone, read in --tz):
// - first snapshot: routing `assign` (team = assignment_group, agent = assigned_to, channel = contact_type,
//   tier via --tier-from) with category, priority and customer_id = caller_id;
// - a later snapshot whose group or assignee differs: `assign` with the new values (group changed and no
//   assignee: the new group's queue; group emptied: team '(no group)', as ServiceNow counts it a reassignment);
// - state entering Resolved/Closed: `resolve`; leaving them, or reopen_count rising: `reopen`;
// - work: a ticket has no replies, so an update made in a working state (Active, Awaiting ...) that does not
//   change the owner, or the update that resolves the incident, is read as an outbound agent `message` with no
//   sender named (sys_updated_by and assigned_to are anonymised apart, so who typed it is unknown). A handoff is
//   therefore completed by the first work update after it, and its handoff time is the time from the
//   reassignment to the new owner's first touch of the record (zero when the taking update resolves it);
//   a queue pick-up is an assign, not work, so the wait in the queue is part of the handoff time.
// Snapshots that change none of this produce no event and are counted in one `info` problem; rows read by the
// pipeline are events, so read = imported + rejected + duplicates holds for events, not for CSV records.
import type { Engine, SqlParams } from '../../engine/engine.js';
import { DataError } from '../../model/errors.js';
import { type Problem, problem } from '../../model/problem.js';
import { DROP_CSV_REJECTS_SQL } from '../formats.js';
import type { LoadedSource, Source, SourceOptions } from '../source.js';
import { csvParseErrors } from './generic.js';
import { readOrFail } from './read-or-fail.js';
import {
  INCIDENTS_SQL,
  importRawSql,
  SERVICENOW_COLUMNS,
  SILENT_SNAPSHOTS_SQL,
  SNAPSHOTS_SQL,
} from './servicenow-sql.js';

const MAPPING: Readonly<Record<string, string>> = Object.freeze({
  conversation_id: 'number',
  timestamp: 'sys_updated_at (resolve: resolved_at/closed_at when not later), d/m/yyyy HH:MM in --tz',
  event_type:
    'assign on first snapshot and group/assignee changes; resolve/reopen from incident_state, reopen_count; message (unnamed sender) on work updates',
  actor: 'agent on work updates (state Active/Awaiting without owner change, or resolving)',
  agent_id: 'assigned_to (assign events)',
  team: "assignment_group ('(no group)' when emptied)",
  channel: 'contact_type',
  text: 'incident_state on work updates',
  customer_id: 'caller_id',
  category: 'category',
  priority: 'priority',
  event_id: 'number:sys_mod_count:sys_updated_at:event type',
});

export const servicenowSource: Source = {
  id: 'servicenow',
  title: 'ServiceNow incident audit log (CSV)',
  sniff: (head) => {
    const header = (head.split(/\r?\n/, 1)[0] ?? '').toLowerCase().split(',');
    return ['number', 'incident_state', 'sys_mod_count', 'assignment_group'].every((c) => header.includes(c));
  },
  async load(engine: Engine, file: string, options: SourceOptions): Promise<LoadedSource> {
    const params: SqlParams = { path: file };
    const columns = await readOrFail(file, () =>
      engine.all<{ column_name: string }>(
        'DESCRIBE SELECT * FROM read_csv($path, all_varchar = true, header = true)',
        params,
      ),
    );
    const names = new Set(columns.map((c) => c.column_name));
    const missing = SERVICENOW_COLUMNS.filter((c) => !names.has(c));
    if (missing.length > 0) {
      throw new DataError(
        `Cannot read ${file}: it is not a ServiceNow incident audit export.`,
        missing.map((c) =>
          problem('missing-column', 'error', `the ServiceNow column '${c}' is missing`, { file, field: c }),
        ),
      );
    }
    // Parse errors of an earlier file must not be counted against this one.
    await engine.run(`DROP TABLE IF EXISTS servicenow_snapshots; ${DROP_CSV_REJECTS_SQL}`);
    await readOrFail(file, () => engine.run(SNAPSHOTS_SQL, params));
    const rawParams: SqlParams = {};
    await engine.run(importRawSql(options, rawParams), rawParams);
    await engine.run(INCIDENTS_SQL);
    const silent = await engine.one<{ n: number; first_row: number | null }>(SILENT_SNAPSHOTS_SQL);
    const snapshots = (await engine.one<{ n: number }>('SELECT count(*) AS n FROM servicenow_snapshots')).n;
    await engine.run('DROP TABLE servicenow_snapshots');
    const problems: Problem[] = [];
    if (silent.n > 0) {
      problems.push(
        problem(
          'snapshot-without-event',
          'info',
          'incident updates that changed no owner, state or work were read and produced no event',
          { file, row: silent.first_row ?? undefined },
          silent.n,
        ),
      );
    }
    const mapping = { ...MAPPING };
    if (options.tierFrom) mapping.tier = `assignment_group matched by --tier-from ${options.tierFrom}`;
    const parseErrors = await csvParseErrors(engine);
    return { mapping, parseErrors, problems, sourceRows: snapshots + parseErrors.length };
  },
};
