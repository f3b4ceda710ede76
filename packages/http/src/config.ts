import { z } from 'zod';

/** Configuration of both services, parsed once from the environment at start-up. */
export interface Config {
  readonly host: string;
  readonly commandPort: number;
  readonly queryPort: number;
  readonly dataDir: string;
  readonly eventStore: 'sqlite' | 'esdb';
  readonly eventStoreConnectionString: string | undefined;
  readonly authTokensFile: string | undefined;
  readonly seedDemo: boolean;
  readonly logLevel: LogLevel;
  readonly digestSigningKeyFile: string | undefined;
  /** Base URL of the projection service, for `Location` headers. No trailing slash. */
  readonly queryPublicUrl: string;
  /** Base URL of the command service as a browser reaches it (the dashboard posts there). */
  readonly commandPublicUrl: string;
  /** Requests per minute per token (per address without one); 0 turns the limit off. */
  readonly rateLimitPerMinute: number;
  /** How long a client may take to send a whole request before it is cut off. */
  readonly requestTimeoutMs: number;
}

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** A bad configuration value; the message names the variable so an operator can fix it. */
export class ConfigError extends Error {
  readonly variables: readonly string[];

  constructor(message: string, variables: readonly string[]) {
    super(message);
    this.name = 'ConfigError';
    this.variables = variables;
  }
}

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(fallback);

const truthy = ['1', 'true', 'yes', 'on'];
const falsy = ['0', 'false', 'no', 'off'];
const booleanish = z
  .string()
  .transform((value, ctx) => {
    const normalised = value.trim().toLowerCase();
    if (truthy.includes(normalised)) return true;
    if (falsy.includes(normalised)) return false;
    ctx.addIssue({ code: 'custom', message: `must be one of ${[...truthy, ...falsy].join(', ')}` });
    return z.NEVER;
  })
  .optional();

const path = z.string().min(1).optional();

const environmentSchema = z
  .object({
    HOST: z.string().min(1).default('127.0.0.1'),
    COMMAND_PORT: port(3001),
    QUERY_PORT: port(3002),
    DATA_DIR: z.string().min(1).default('./data'),
    EVENT_STORE: z.enum(['sqlite', 'esdb'], { error: 'must be sqlite or esdb' }).default('sqlite'),
    EVENTSTORE_CONNECTION_STRING: z
      .string()
      .regex(/^(esdb|esdb\+discover):\/\//, 'must start with esdb:// or esdb+discover://')
      .optional(),
    AUTH_TOKENS_FILE: path,
    SEED_DEMO: booleanish,
    LOG_LEVEL: z
      .enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` })
      .default('info'),
    DIGEST_SIGNING_KEY_FILE: path,
    QUERY_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    COMMAND_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    RATE_LIMIT_PER_MINUTE: z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(0, 'must be 0 (off) or more')
      .default(600),
    REQUEST_TIMEOUT_MS: z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int('must be a whole number')
      .min(1000, 'must be at least 1000')
      .default(30_000),
  })
  .superRefine((env, ctx) => {
    if (env.EVENT_STORE === 'esdb' && env.EVENTSTORE_CONNECTION_STRING === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['EVENTSTORE_CONNECTION_STRING'],
        message: 'is required when EVENT_STORE=esdb',
      });
  });

/** Wildcard listen addresses are not reachable addresses, so links use localhost instead. */
const linkHost = (host: string): string => {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
};

/**
 * Parses the environment. Empty values count as unset (compose files often pass `VAR=`).
 * Throws ConfigError naming every bad variable.
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'environment');
      const value = present[variable];
      const shown = value === undefined ? '' : ` (got ${JSON.stringify(value.slice(0, 100))})`;
      return { variable, text: `${variable} ${issue.message}${shown}` };
    });
    throw new ConfigError(
      `invalid configuration: ${problems.map((p) => p.text).join('; ')}`,
      problems.map((p) => p.variable),
    );
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    commandPort: e.COMMAND_PORT,
    queryPort: e.QUERY_PORT,
    dataDir: e.DATA_DIR,
    eventStore: e.EVENT_STORE,
    eventStoreConnectionString: e.EVENTSTORE_CONNECTION_STRING,
    authTokensFile: e.AUTH_TOKENS_FILE,
    seedDemo: e.SEED_DEMO ?? false,
    logLevel: e.LOG_LEVEL,
    digestSigningKeyFile: e.DIGEST_SIGNING_KEY_FILE,
    queryPublicUrl: (e.QUERY_PUBLIC_URL ?? `http://${linkHost(e.HOST)}:${e.QUERY_PORT}`).replace(
      /\/+$/,
      '',
    ),
    commandPublicUrl: (
      e.COMMAND_PUBLIC_URL ?? `http://${linkHost(e.HOST)}:${e.COMMAND_PORT}`
    ).replace(/\/+$/, ''),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
  };
}
