export { generateProjects } from './generateProjects.js';
export { generatedStore } from './generatedStore.js';
export { SqliteTamper } from './sqliteTamper.js';
export type { StoredRow } from './sqliteTamper.js';
