// A cohort to compare: a label and the conditions its rows meet (dimension = value, or a date before / from a day).

/** A cohort is rows where every condition holds: `dimension = value`, or the date before / on or after a day. */
export interface CohortCondition {
  dimension: string;
  op: '=' | '<' | '>=';
  value: string;
}

export interface Cohort {
  label: string;
  conditions: CohortCondition[];
}
