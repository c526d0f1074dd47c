// The demo stream as a ServiceNow incident audit CSV (the UCI "incident management process enriched event log"
// layout): one snapshot row of the incident per update, numbered by sys_mod_count, `?` for missing values and
// day-first `d/m/yyyy HH:MM` dates without a zone. The first snapshot carries the routing (the first assignment's
// group and assignee); each later assignment that changes the group or assignee, each agent or bot message or
// note (work), each resolve/close and each reopen is a snapshot. Customer messages, csat and abandonment are not
// incident updates: skipped. resolved_at/closed_at hold the final values on every snapshot, as in the export.
import type { DemoEvent } from '../../src/demo/generate.js';
import { SERVICENOW_EXPORT_COLUMNS } from '../../src/ingest/sources/servicenow-sql.js';
import { attribute, csvField, type ExportWriter, idNumber } from './common.js';

/** The columns of the UCI export, in its order (SERVICENOW_COLUMNS are a subset). */
const COLUMNS = SERVICENOW_EXPORT_COLUMNS;

type Column = (typeof COLUMNS)[number];

const CONTACT: Readonly<Record<string, string>> = {
  phone: 'Phone',
  email: 'Email',
  chat: 'Chat',
  social: 'Self service',
};
const PRIORITY: Readonly<Record<string, string>> = {
  urgent: '1 - Critical',
  high: '2 - High',
  normal: '3 - Moderate',
  low: '4 - Low',
};
const LEVEL: Readonly<Record<string, string>> = {
  urgent: '1 - High',
  high: '1 - High',
  normal: '2 - Medium',
  low: '3 - Low',
};

/** `d/m/yyyy HH:MM` in UTC, as the UCI export writes dates. */
function serviceNowDate(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

const missing = (s: string) => s || '?';

export function servicenowWriter(): ExportWriter {
  return {
    source: 'servicenow',
    extension: 'csv',
    header: () => `${COLUMNS.join(',')}\n`,
    footer: () => '',
    conversation(events: readonly DemoEvent[]): string {
      const first = events[0];
      if (!first) return '';
      const n = idNumber(first.conversation_id);
      const number = `INC${String(n).padStart(7, '0')}`;
      const customer = attribute(events, 'customer_id');
      const priority = attribute(events, 'priority');
      const routing = events.find((e) => e.event_type === 'assign' || e.event_type === 'transfer');
      // Final values, written on every snapshot like the export does.
      let resolvedAt = '';
      let closedAt = '';
      let resolvedBy = '';
      for (const e of events) {
        if (e.event_type === 'resolve') {
          resolvedAt = e.timestamp;
          resolvedBy = e.agent_id;
        }
        if (e.event_type === 'close') closedAt = e.timestamp;
      }
      const fixed: Partial<Record<Column, string>> = {
        number,
        made_sla: 'true',
        caller_id: customer ? `Caller ${idNumber(customer)}` : '?',
        opened_by: `Opened by ${1 + (n % 200)}`,
        opened_at: serviceNowDate(first.timestamp),
        sys_created_by: `Created by ${1 + (n % 150)}`,
        sys_created_at: serviceNowDate(first.timestamp),
        contact_type: CONTACT[attribute(events, 'channel')] ?? '?',
        location: `Location ${1 + (n % 250)}`,
        category: missing(attribute(events, 'category')),
        subcategory: '?',
        u_symptom: '?',
        cmdb_ci: '?',
        impact: LEVEL[priority] ?? '2 - Medium',
        urgency: LEVEL[priority] ?? '2 - Medium',
        priority: PRIORITY[priority] ?? '3 - Moderate',
        knowledge: 'false',
        u_priority_confirmation: 'false',
        notify: 'Do Not Notify',
        problem_id: '?',
        rfc: '?',
        vendor: '?',
        caused_by: '?',
        closed_code: resolvedAt || closedAt ? `code ${1 + (n % 17)}` : '?',
        resolved_by: resolvedBy ? missing(resolvedBy) : '?',
        resolved_at: resolvedAt ? serviceNowDate(resolvedAt) : '?',
        closed_at: closedAt ? serviceNowDate(closedAt) : '?',
      };
      let state = 'New';
      let group = routing?.team ?? '';
      let agent = routing?.agent_id ?? '';
      let reassignments = 0;
      let reopens = 0;
      let mod = 0;
      const rows: string[] = [];
      const snapshot = (e: DemoEvent) => {
        const row: Partial<Record<Column, string>> = {
          ...fixed,
          incident_state: state,
          active: state === 'Resolved' || state === 'Closed' ? 'false' : 'true',
          reassignment_count: String(reassignments),
          reopen_count: String(reopens),
          sys_mod_count: String(mod++),
          sys_updated_by: `Updated by ${e.agent_id ? idNumber(e.agent_id) || e.agent_id.length : 1 + (n % 90)}`,
          sys_updated_at: serviceNowDate(e.timestamp),
          assignment_group: missing(group),
          assigned_to: missing(agent),
        };
        rows.push(COLUMNS.map((c) => csvField(row[c] ?? '?')).join(','));
      };
      // Opened with the routing group and assignee, at the routing (or the first event when never routed).
      snapshot(routing ?? first);
      for (const e of events) {
        if (e === routing) continue;
        switch (e.event_type) {
          case 'assign':
          case 'transfer': {
            const nextGroup = e.team || group;
            // A new group without an assignee is that group's queue.
            const nextAgent = e.agent_id || (nextGroup !== group ? '' : agent);
            if (nextGroup === group && nextAgent === agent) break;
            if (nextGroup !== group) reassignments++;
            group = nextGroup;
            agent = nextAgent;
            snapshot(e);
            break;
          }
          case 'message':
          case 'note':
            if (e.actor === 'customer' || state === 'Resolved' || state === 'Closed') break;
            state = 'Active';
            snapshot(e);
            break;
          case 'resolve':
            state = 'Resolved';
            snapshot(e);
            break;
          case 'close':
            state = 'Closed';
            snapshot(e);
            break;
          case 'reopen':
            state = 'Active';
            reopens++;
            snapshot(e);
            break;
          default:
            break; // csat, abandon: not incident updates
        }
      }
      return `${rows.join('\n')}\n`;
    },
  };
}
