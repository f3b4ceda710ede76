export { parseConfig, ConfigError, logLevels } from './config.js';
export type { Config, LogLevel } from './config.js';
export { eventStoreConfig } from './storeConfig.js';
export {
  HttpProblem,
  isHttpProblem,
  makeProblem,
  problemSchema,
  problemType,
  PROBLEM_CONTENT_TYPE,
} from './problem.js';
export type { Problem, ProblemIssue } from './problem.js';
export {
  domainErrorStatus,
  errorHandlingPlugin,
  problemFor,
  sendProblem,
  validationIssues,
} from './errorHandler.js';
export type { ProblemAnswer } from './errorHandler.js';
export { roles, TokenRegistry, loadTokensFile, tokensFileSchema } from './tokens.js';
export type { Principal, Role, TokenEntry } from './tokens.js';
export { devTokenProfiles, DEV_TOKENS_FILE, ensureDevTokensFile, loadTokens } from './devTokens.js';
export type { TokenSource } from './devTokens.js';
export {
  authPlugin,
  assertCanWriteProvince,
  canWriteProvince,
  principalOf,
  requireRole,
} from './auth.js';
export type { AuthOptions } from './auth.js';
export {
  Counter,
  Gauge,
  Histogram,
  MetricsRegistry,
  metricsPlugin,
  defaultBuckets,
  METRICS_CONTENT_TYPE,
} from './metrics.js';
export { docsPlugin, DOCS_PREFIX } from './docs.js';
export type { DocsOptions } from './docs.js';
export { loggerOptions, genReqId } from './logger.js';
export { healthPlugin } from './health.js';
export type { ReadyCheck } from './health.js';
export { closeOnSignals } from './shutdown.js';
export type { ShutdownOptions } from './shutdown.js';
export { createHttpServer, BODY_LIMIT } from './httpServer.js';
export type { HttpApp, HttpServerOptions } from './httpServer.js';
export { registerRateLimit, rateLimitKey } from './rateLimit.js';
export type { RateLimitOptions } from './rateLimit.js';
export { prepareService, startFailure } from './serviceStartup.js';
export type { ServiceStartup } from './serviceStartup.js';
