export { runCli, usage } from './cli.js';
export type { CliIo } from './context.js';
