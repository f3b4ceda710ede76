export { demoSteps } from './dataset.js';
export type { DemoStep, DemoSource } from './dataset.js';

/** The five demo projects, in the order the dataset registers them. */
export const demoProjectIds = [
  'blt-ki',
  'kaltim-anhui',
  'btg-acemed',
  'ksb-ki',
  'pgk-kek',
] as const;
