// Colour-blind-safe colours for every report chart: Okabe-Ito for categories, viridis for magnitudes.

/** Okabe & Ito (2008): eight colours distinguishable under the common colour-vision deficiencies. */
export const OKABE_ITO = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#F0E442',
  '#0072B2',
  '#D55E00',
  '#CC79A7',
  '#000000',
] as const;

/** Categories in a fixed order (funnel stages, outcomes) so a colour means the same thing in every chart. */
export const CATEGORY = {
  reached: '#56B4E9',
  handed_on: '#E69F00',
  resolved: '#0072B2',
  abandoned: '#D55E00',
  neutral: '#555555',
} as const;

/** The funnel's stages in order, each with its label and colour, for the report's and the dashboard's chart. */
export const FUNNEL_STAGE_STYLES = [
  { key: 'reached', label: 'reached', color: CATEGORY.reached },
  { key: 'handed_on', label: 'handed on', color: CATEGORY.handed_on },
  { key: 'resolved', label: 'resolved', color: CATEGORY.resolved },
  { key: 'abandoned', label: 'abandoned', color: CATEGORY.abandoned },
] as const;

/** Sequential scheme for heatmaps: perceptually uniform and readable in greyscale. */
export const SEQUENTIAL_SCHEME = 'viridis';

/** Text on a viridis cell: white on the dark (low) half, black on the light (high) half. */
export function textOn(value: number, max: number): string {
  return max > 0 && value / max > 0.55 ? '#000000' : '#ffffff';
}
