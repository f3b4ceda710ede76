import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { openEventStore, type EventStore } from '@kawasan/event-store';
import { DEV_TOKENS_FILE, eventStoreConfig, parseConfig, type Config } from '@kawasan/http';
import { DateTime } from 'luxon';

/** What the CLI touches of its process, passed in so tests can run it in-process. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly now?: () => Date;
}

/** The command line is wrong: exit 2 with the message and a pointer to the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A check ran and found a problem, or the operation could not be done: exit 1. */
export class CliFailure extends Error {
  override name = 'CliFailure';
}

export interface CliContext {
  readonly io: CliIo;
  readonly json: boolean;
  /** The services' configuration (same environment variables); a bad value is a ConfigError. */
  readonly config: () => Config;
  /** Opens the configured store; SQLite read-only unless writing. Closed by the caller. */
  openStore(options?: { write?: boolean }): Promise<EventStore>;
  now(): Date;
  /** Writes to stdout, waiting when the stream asks for it (large exports stay in constant memory). */
  write(text: string): Promise<void>;
  print(line: string): Promise<void>;
  /** The document on stdout with --json, or the human lines otherwise. */
  report(document: unknown, human: string[]): Promise<void>;
}

export async function writeTo(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export function createContext(io: CliIo, json: boolean): CliContext {
  let config: Config | undefined;
  const ctx: CliContext = {
    io,
    json,
    config: () => (config ??= parseConfig(io.env)),
    async openStore(options = {}) {
      return openEventStore(eventStoreConfig(ctx.config(), { readonly: options.write !== true }));
    },
    now: () => io.now?.() ?? new Date(),
    write: (text) => writeTo(io.stdout, text),
    print: (line) => writeTo(io.stdout, `${line}\n`),
    async report(document, human) {
      if (json) await ctx.print(JSON.stringify(document, null, 2));
      else for (const line of human) await ctx.print(line);
    },
  };
  return ctx;
}

/**
 * An instant for `asOf`/`knownAt` as the projection service reads it: ISO instant, or a date
 * meaning the start (asOf) or the end (knownAt) of that day in UTC.
 */
export function parseInstant(input: string, option: string, edge: 'start' | 'end'): DateTime {
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(input);
  const parsed = DateTime.fromISO(input, { zone: 'utc', setZone: !isDate });
  if (!parsed.isValid)
    throw new UsageError(`--${option} must be an ISO instant (2026-03-01T00:00:00Z) or a date`);
  return (isDate && edge === 'end' ? parsed.endOf('day') : parsed).toUTC();
}

/**
 * The bearer token for calls to a running service: --token, KAWASAN_TOKEN, or, on a development
 * setup (no AUTH_TOKENS_FILE), the development token of `devActor` from DATA_DIR.
 */
export async function bearerToken(
  ctx: CliContext,
  given: string | undefined,
  devActor: string,
): Promise<string> {
  const token = given ?? ctx.io.env['KAWASAN_TOKEN'];
  if (token !== undefined && token !== '') return token;
  const config = ctx.config();
  if (config.authTokensFile === undefined) {
    try {
      const file = JSON.parse(await readFile(join(config.dataDir, DEV_TOKENS_FILE), 'utf8')) as {
        tokens?: { actor?: string; token?: string }[];
      };
      const dev = file.tokens?.find((t) => t.actor === devActor)?.token;
      if (dev !== undefined) return dev;
    } catch {
      // No development tokens here: fall through to the usage error.
    }
  }
  throw new UsageError('give a token with --token or KAWASAN_TOKEN');
}

/** Base URL of a service from the configuration (wildcard listen addresses mean this host). */
export function serviceUrl(config: Config, port: number): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
