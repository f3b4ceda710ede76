export { buildApp, SERVICE_VERSION } from './buildApp.js';
export type { CommandServiceDeps } from './buildApp.js';
export { seedDemo, DemoSeedError, DEMO_ACTOR } from './demoSeed.js';
export type { DemoStep } from './demoSeed.js';
export { commandReplySchema } from './commandReply.js';
export type { CommandReply } from './commandReply.js';
export { uuidV5, KAWASAN_NAMESPACE } from './uuidV5.js';
