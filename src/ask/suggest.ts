// Questions `ask` can answer, and the few closest to one it could not read, so a refusal always shows a way forward.
import { tokenize } from './tokenize.js';
import { canonical, FILLER } from './vocabulary.js';

export const EXAMPLE_QUESTIONS: readonly string[] = [
  'What is the handoff success rate from chat to email last month?',
  'How many handoffs did we have last week?',
  'What share of conversations are handed off?',
  'Median handoff time by team this quarter',
  'Which teams ping-pong most?',
  'Worst 5 agents by handoff success rate',
  'Warm vs cold transfers: which succeed more?',
  'Handoff success rate this month vs last month',
  'Escalation rate by category in October',
  'How long do customers wait after a transfer, on average?',
  'What is our first contact resolution rate?',
  'Average CSAT by starting channel',
  'How much longer does resolution take with each extra handoff?',
  'Abandonment after handoff by channel pair',
  'Why are weekend handoffs failing?',
  'Transfer completion rate for the Billing team since March',
];

const content = (text: string): Set<string> =>
  new Set(
    tokenize(text)
      .map(canonical)
      .filter((w) => !FILLER.has(w) || ['handoff', 'conversation', 'rate', 'time'].includes(w)),
  );

/** The `n` example questions sharing the most words with `question` (Jaccard), in list order on ties. */
export function closestQuestions(question: string, n = 3): string[] {
  const asked = content(question);
  return EXAMPLE_QUESTIONS.map((q, index) => {
    const words = content(q);
    const shared = [...words].filter((w) => asked.has(w)).length;
    const union = new Set([...words, ...asked]).size;
    return { q, index, score: union === 0 ? 0 : shared / union };
  })
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, n)
    .map((x) => x.q);
}
