// `npm run bench:repeat`: the repeat-explanation detector's precision and recall on the labelled transcripts, per split.
import { type Estimate, type Measurement, measureRepeatDetector } from './repeat-detector-measure.js';

const pct = (e: Estimate) =>
  e.value === null
    ? 'n/a'
    : `${(100 * e.value).toFixed(1)}% [${e.interval ? e.interval.map((x) => (100 * x).toFixed(1)).join(', ') : '?'}]`;

function print(m: Measurement): void {
  const out: string[] = [];
  out.push('Repeat-explanation detector on test/fixtures/repeat-labelled (Wilson 95% intervals)');
  out.push('');
  out.push('split  handoffs  pos  TP  FP  FN   TN  precision              recall                 F1');
  for (const split of ['dev', 'test', 'all'] as const) {
    const s = m.scores[split];
    out.push(
      [
        split.padEnd(5),
        String(s.n).padStart(9),
        String(s.tp + s.fn).padStart(4),
        String(s.tp).padStart(3),
        String(s.fp).padStart(3),
        String(s.fn).padStart(3),
        String(s.tn).padStart(4),
        ` ${pct(s.precision).padEnd(22)}`,
        pct(s.recall).padEnd(22),
        pct(s.f1),
      ].join(' '),
    );
  }
  if (m.unmatchedLabels.length > 0 || m.unlabelledHandoffs.length > 0) {
    out.push('');
    out.push(`labels without a derived handoff: ${m.unmatchedLabels.length}`);
    for (const l of m.unmatchedLabels) out.push(`  ${l.conversation_id} #${l.handoff_no}`);
    out.push(`derived handoffs without a label: ${m.unlabelledHandoffs.length}`);
    for (const h of m.unlabelledHandoffs) out.push(`  ${h.conversation_id} #${h.handoff_no}`);
  }
  const wrong = m.handoffs.filter((h) => h.predicted !== h.repeat);
  out.push('');
  out.push(`Misclassified handoffs (${wrong.length}):`);
  for (const h of wrong) {
    const said = h.predicted
      ? `FP (customer_repeated=${h.customer_repeated}, agent_reasked=${h.agent_reasked})`
      : `FN (${h.kind})`;
    out.push(`- ${h.conversation_id} #${h.handoff_no} [${h.split}] ${said}: ${h.note}`);
    out.push(`    before: ${h.before}`);
    out.push(`    after:  ${h.after}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

print(await measureRepeatDetector());
