import { parseArgs } from 'node:util';
import { ConfigError } from '@kawasan/http';
import { digestCommand, digestVerifyCommand } from './commands/digest.js';
import { historyCommand } from './commands/history.js';
import { replayCommand } from './commands/replay.js';
import { seedCommand } from './commands/seed.js';
import { exportCommand, importCommand } from './commands/transfer.js';
import { verifyCommand } from './commands/verify.js';
import { createContext, UsageError, writeTo, type CliContext, type CliIo } from './context.js';

export const usage = `Usage: kawasan <command> [options]

Commands read the store the services use (DATA_DIR, EVENT_STORE, EVENTSTORE_CONNECTION_STRING):
  history <projectId> [--known-at <instant|date>]
      every entry of a project: who, when, type, retracted by which entry
  verify [--project <id>]
      recompute every project's hash chain; name the project, revision and event where one breaks
  digest [--position <n>] [--out <file>]
      Merkle root over every project stream's head (signed with DIGEST_SIGNING_KEY_FILE if set)
  digest verify <file> [--public-key <pem file>]
      check a kept digest against the current log
  replay --check [--url <projection url>] [--token <token>] [--as-of <instant|date>]
      rebuild every view from position zero and compare with the running projection service
  export [--project <id>] [--format jsonl|csv] [--out <file>] [--as-of <instant|date>]
      JSON Lines: every event, lossless; CSV: one row per milestone
  import <file>
      load a JSON Lines export into an EMPTY store, with the original ids and hashes
  seed [--url <command url>] [--token <token>]
      load the demo dataset through a running command service

Options: --json  machine-readable output;  --help  this text
Tokens: --token, else KAWASAN_TOKEN, else the development tokens under DATA_DIR.
Exit codes: 0 ok; 1 a check found a problem or the operation failed; 2 usage or configuration.
`;

type Values = Record<string, string | boolean | undefined>;
type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

interface Command {
  readonly options: Options;
  run(ctx: CliContext, values: Values, positionals: string[]): Promise<number>;
}

const text = (values: Values, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};

function positional(positionals: string[], index: number, what: string): string {
  const value = positionals[index];
  if (value === undefined) throw new UsageError(`missing ${what}`);
  return value;
}

function noMore(positionals: string[], expected: number): void {
  if (positionals.length > expected)
    throw new UsageError(`unexpected argument '${positionals[expected]}'`);
}

const commands: Readonly<Record<string, Command>> = {
  history: {
    options: { 'known-at': { type: 'string' } },
    run: (ctx, values, args) => {
      noMore(args, 1);
      return historyCommand(ctx, positional(args, 0, 'the project id'), text(values, 'known-at'));
    },
  },
  verify: {
    options: { project: { type: 'string' } },
    run: (ctx, values, args) => {
      noMore(args, 0);
      return verifyCommand(ctx, text(values, 'project'));
    },
  },
  digest: {
    options: {
      position: { type: 'string' },
      out: { type: 'string' },
      'public-key': { type: 'string' },
    },
    run: (ctx, values, args) => {
      if (args[0] === 'verify') {
        noMore(args, 2);
        return digestVerifyCommand(
          ctx,
          positional(args, 1, 'the digest file'),
          text(values, 'public-key'),
        );
      }
      noMore(args, 0);
      return digestCommand(ctx, { position: text(values, 'position'), out: text(values, 'out') });
    },
  },
  replay: {
    options: {
      check: { type: 'boolean' },
      url: { type: 'string' },
      token: { type: 'string' },
      'as-of': { type: 'string' },
    },
    run: (ctx, values, args) => {
      noMore(args, 0);
      return replayCommand(ctx, {
        check: values['check'] === true,
        url: text(values, 'url'),
        token: text(values, 'token'),
        asOf: text(values, 'as-of'),
      });
    },
  },
  export: {
    options: {
      project: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'as-of': { type: 'string' },
    },
    run: (ctx, values, args) => {
      noMore(args, 0);
      return exportCommand(ctx, {
        project: text(values, 'project'),
        format: text(values, 'format'),
        out: text(values, 'out'),
        asOf: text(values, 'as-of'),
      });
    },
  },
  import: {
    options: {},
    run: (ctx, _values, args) => {
      noMore(args, 1);
      return importCommand(ctx, positional(args, 0, 'the file to import'));
    },
  },
  seed: {
    options: { url: { type: 'string' }, token: { type: 'string' } },
    run: (ctx, values, args) => {
      noMore(args, 0);
      return seedCommand(ctx, { url: text(values, 'url'), token: text(values, 'token') });
    },
  },
};

const isParseArgsError = (error: unknown): boolean =>
  typeof (error as { code?: unknown } | null)?.code === 'string' &&
  (error as { code: string }).code.startsWith('ERR_PARSE_ARGS');

/** Runs one command line; resolves with the exit code (0 ok, 1 failed, 2 usage). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await writeTo(name === undefined ? io.stderr : io.stdout, usage);
    return name === undefined ? 2 : 0;
  }
  try {
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!command) throw new UsageError(`unknown command '${name}'`);
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    if (values['help'] === true) {
      await writeTo(io.stdout, usage);
      return 0;
    }
    return await command.run(createContext(io, values['json'] === true), values, positionals);
  } catch (error) {
    // The reader went away (`kawasan export | head`): not a failure of ours.
    if ((error as NodeJS.ErrnoException | null)?.code === 'EPIPE') return 0;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UsageError || isParseArgsError(error)) {
      await writeTo(io.stderr, `kawasan ${name}: ${message}\n(kawasan --help shows the usage)\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      await writeTo(io.stderr, `kawasan ${name}: ${message}\n`);
      return 2;
    }
    await writeTo(io.stderr, `kawasan ${name}: ${message}\n`);
    return 1;
  }
}
