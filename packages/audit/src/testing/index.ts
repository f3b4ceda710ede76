export { generateProjects } from './generateProjects.js';
export { generatedStore } from './generatedStore.js';
export { SqliteTamper } from './sqliteTamper.js';
export type { StoredRow } from './sqliteTamper.js';
export { generateScaleStore, SCALE_GENERATOR_VERSION } from './scaleStore.js';
export type { ScaleStoreOptions, ScaleSummary } from './scaleStore.js';
