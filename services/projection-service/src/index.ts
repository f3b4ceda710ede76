export { buildApp, SERVICE_VERSION } from './buildApp.js';
export type { ProjectionServiceDeps } from './buildApp.js';
export { Projector } from './projector.js';
export type { ProjectorOptions, ProjectorStatus } from './projector.js';
