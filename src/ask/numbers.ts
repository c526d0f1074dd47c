// Numbers in a question, as digits or words ("top five", "last 30 days"): one table for every reader.

/** Number words the parser reads: the small ones, and the round ones people use for periods and limits. */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fourteen: 14,
  twenty: 20,
  thirty: 30,
  sixty: 60,
  ninety: 90,
};

/** A token as a whole number: at most `maxDigits` digits, or a number word; undefined for anything else. */
export function readNumber(token: string | undefined, maxDigits: number): number | undefined {
  if (token === undefined) return undefined;
  if (/^\d+$/.test(token)) return token.length <= maxDigits ? Number(token) : undefined;
  // Own keys only: "constructor" is not a number.
  return Object.hasOwn(NUMBER_WORDS, token) ? NUMBER_WORDS[token] : undefined;
}
