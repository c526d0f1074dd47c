// Filters a question names in words rather than data values: bot-to-human handoffs, day names, weekends.
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const DAY_NAMES: Readonly<Record<string, string>> = {
  monday: 'Mon',
  tuesday: 'Tue',
  wednesday: 'Wed',
  thursday: 'Thu',
  friday: 'Fri',
  saturday: 'Sat',
  sunday: 'Sun',
};

/** Words this module reads, for typo repair. */
export const FILTER_WORDS: readonly string[] = [...Object.keys(DAY_NAMES), 'human', 'weekend', 'weekday'];

/** "bot to human", "bot handoffs", "handed off from the bot": the bot_to_human kind of handoff. */
export function scanBotHandoffs(tokens: readonly string[], taken: boolean[]): boolean {
  const forms = [
    ['bot', 'to', 'human'],
    ['bot', 'to', 'agent'],
    ['bot', 'handoff'],
    ['from', 'the', 'bot'],
    ['from', 'bot'],
  ];
  for (let i = 0; i < tokens.length; i++) {
    for (const form of forms) {
      if (form.every((w, k) => tokens[i + k] === w && !taken[i + k])) {
        if (form[0] === 'from' && tokens[i + form.length] === 'team') continue;
        for (let k = 0; k < form.length; k++) taken[i + k] = true;
        return true;
      }
    }
  }
  return false;
}

/** Day names and "weekend"/"weekdays" as weekday filters (a "by weekday" breakdown was taken before). */
export function scanWeekdays(tokens: readonly string[], taken: boolean[]): (string | string[])[] {
  const days: (string | string[])[] = [];
  tokens.forEach((t, i) => {
    if (taken[i]) return;
    const value =
      t === 'weekend'
        ? ['Sat', 'Sun']
        : t === 'weekday'
          ? WEEKDAYS.slice(0, 5)
          : Object.hasOwn(DAY_NAMES, t)
            ? DAY_NAMES[t]
            : undefined;
    if (value === undefined) return;
    taken[i] = true;
    days.push(value);
  });
  return days;
}
