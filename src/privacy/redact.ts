// --redact: e-mail addresses, phone numbers and card-like numbers never leave the import; applied in SQL at staging.

export interface Redaction {
  readonly kind: 'email' | 'card' | 'phone';
  /** RE2 pattern (DuckDB's regexp functions). */
  readonly pattern: string;
  readonly mask: string;
}

/** Cards before phones: a card number would otherwise be read as a long phone number. */
export const REDACTIONS: readonly Redaction[] = Object.freeze([
  { kind: 'email', pattern: String.raw`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`, mask: '[email]' },
  { kind: 'card', pattern: String.raw`\b\d(?:[ -]?\d){12,18}\b`, mask: '[card]' },
  // Errs towards masking: any run of 9+ digits and separators, which also masks a date written inside text.
  { kind: 'phone', pattern: String.raw`\+?\(?\d[\d ().-]{7,}\d`, mask: '[phone]' },
]);

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Free text: every match replaced by its mask. */
export function redactTextSql(expr: string): string {
  return REDACTIONS.reduce(
    (sql, r) => `regexp_replace(${sql}, ${literal(r.pattern)}, ${literal(r.mask)}, 'g')`,
    expr,
  );
}

/**
 * Identifiers (agent, customer): one that is an e-mail or phone number becomes a stable pseudonym, so the
 * same person stays one agent or customer in every count, but the address itself is gone.
 */
export function redactIdSql(expr: string): string {
  const personal = REDACTIONS.map((r) => `regexp_matches(${expr}, ${literal(r.pattern)})`).join(' OR ');
  return `CASE WHEN ${personal} THEN 'person-' || left(md5(lower(${expr})), 10) ELSE ${expr} END`;
}
