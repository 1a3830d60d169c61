/**
 * The words every side uses for a verdict and for dates, as plain constants: the content script
 * reads them without loading zod, and the schemas build their enums from them.
 */
export const URGENCIES = ['high', 'medium', 'low'] as const;

export const CATEGORIES = [
  'action',
  'meeting',
  'personal',
  'newsletter',
  'promotion',
  'notification',
  'transactional',
  'spam',
] as const;

/** Three-letter month name → month index (0–11). */
export const MONTH_INDEX: Readonly<Record<string, number>> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};
