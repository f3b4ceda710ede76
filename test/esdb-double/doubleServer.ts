/**
 * A small EventStoreDB stand-in at the gRPC wire level: it registers the service definitions
 * generated in `@eventstore/db-client` (they carry their own serialisers) on a `@grpc/grpc-js`
 * server. It keeps everything in memory, in one process; run it in a process of its own
 * (`main.ts`, `startEsdbDouble`) so its generated classes never meet a second copy.
 */
import {
  Server,
  ServerCredentials,
  status,
  type sendUnaryData,
  type ServerUnaryCall,
} from '@grpc/grpc-js';
import { handleAppend } from './appendHandler.js';
import { handleBatchAppend } from './batchAppendHandler.js';
import { deleteResponse, handleDelete, tombstoneResponse } from './deleteHandler.js';
import type { DoubleMode, DoubleState } from './doubleState.js';
import { EventLog } from './eventLog.js';
import { serverFeaturesGrpc, serverFeaturesPb, sharedPb, streamsGrpc } from './generated.js';
import { handleRead } from './readHandler.js';
import { errors, rpcError } from './wire.js';

export interface EsdbDoubleOptions {
  /** ServerFeatures lists Streams/BatchAppend (as servers >= 21.10 do) or is UNIMPLEMENTED. */
  batchAppend: boolean;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** EventStoreDB's default MaxAppendSize is 1 MiB. */
  maxAppendSize?: number;
  /** Whether an idempotent re-append reports the stored event's position (newer servers). */
  idempotentPosition?: boolean;
  /** How often the node writes a `$statsCollected` event to its `$stats-…` stream; 0: never. */
  statsIntervalMs?: number;
}

export const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;
const SERVER_VERSION = '23.10.0';

const methods = (batchAppend: boolean): serverFeaturesPb.SupportedMethods => {
  const list: [string, string][] = [
    ['event_store.client.streams.streams', 'read'],
    ['event_store.client.streams.streams', 'append'],
    ['event_store.client.streams.streams', 'delete'],
    ['event_store.client.streams.streams', 'tombstone'],
    ['event_store.client.server_features.serverfeatures', 'getsupportedmethods'],
  ];
  if (batchAppend) list.push(['event_store.client.streams.streams', 'batchappend']);
  return new serverFeaturesPb.SupportedMethods()
    .setEventStoreServerVersion(SERVER_VERSION)
    .setMethodsList(
      list.map(([service, method]) =>
        new serverFeaturesPb.SupportedMethod().setServiceName(service).setMethodName(method),
      ),
    );
};

export class EsdbDouble {
  readonly #server: Server;
  readonly #state: DoubleState;
  readonly #stats: NodeJS.Timeout | undefined;

  private constructor(server: Server, state: DoubleState, statsIntervalMs: number) {
    this.#server = server;
    this.#state = state;
    const statsStream = `$stats-${state.host}:${state.port}`;
    // A fresh node's $all already holds system events; the adapter must not count on their absence.
    state.log.writeSystemEvent(`$$${statsStream}`, '$metadata', { $maxAge: 86400 });
    state.log.writeSystemEvent('$users', '$UserCreated', { LoginName: 'admin' });
    state.log.writeSystemEvent(statsStream, '$statsCollected', { 'proc-id': process.pid });
    this.#stats =
      statsIntervalMs > 0
        ? setInterval(() => {
            if (state.mode === 'available') {
              state.log.writeSystemEvent(statsStream, '$statsCollected', { at: Date.now() });
            }
          }, statsIntervalMs).unref()
        : undefined;
  }

  static async start(options: EsdbDoubleOptions): Promise<EsdbDouble> {
    const host = options.host ?? '127.0.0.1';
    const state: DoubleState = {
      log: new EventLog({ now: Date.now, idempotentPosition: options.idempotentPosition ?? true }),
      mode: 'available',
      batchAppend: options.batchAppend,
      maxAppendSize: options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE,
      host,
      port: 0,
      calls: new Set(),
      subscriptionsStarted: 0,
    };
    const server = new Server({ 'grpc.max_receive_message_length': 64 * 1024 * 1024 });
    server.addService(streamsGrpc.StreamsService, {
      read: (call: Parameters<typeof handleRead>[1]) => void handleRead(state, call),
      append: (
        call: Parameters<typeof handleAppend>[1],
        callback: Parameters<typeof handleAppend>[2],
      ) => handleAppend(state, call, callback),
      batchAppend: (call: Parameters<typeof handleBatchAppend>[1]) => {
        if (state.batchAppend) return handleBatchAppend(state, call);
        call.emit('error', rpcError(status.UNIMPLEMENTED, 'Method BatchAppend is unimplemented'));
      },
      delete: handleDelete(state, false, deleteResponse),
      tombstone: handleDelete(state, true, tombstoneResponse),
    });
    server.addService(serverFeaturesGrpc.ServerFeaturesService, {
      getSupportedMethods: (
        _call: ServerUnaryCall<sharedPb.Empty, serverFeaturesPb.SupportedMethods>,
        callback: sendUnaryData<serverFeaturesPb.SupportedMethods>,
      ) => {
        if (state.mode === 'unavailable') return callback(errors.notReady());
        // Servers before 21.10 have no ServerFeatures service at all.
        if (!state.batchAppend) {
          return callback(rpcError(status.UNIMPLEMENTED, 'Service is unimplemented'));
        }
        callback(null, methods(true));
      },
    });
    state.port = await new Promise<number>((resolve, reject) => {
      server.bindAsync(
        `${host}:${options.port ?? 0}`,
        ServerCredentials.createInsecure(),
        (error, port) => (error === null ? resolve(port) : reject(error)),
      );
    });
    return new EsdbDouble(server, state, options.statsIntervalMs ?? 500);
  }

  get port(): number {
    return this.#state.port;
  }

  get connectionString(): string {
    return `esdb://${this.#state.host}:${this.#state.port}?tls=false`;
  }

  get subscriptionsStarted(): number {
    return this.#state.subscriptionsStarted;
  }

  setBatchAppend(on: boolean): void {
    this.#state.batchAppend = on;
  }

  /** 'unavailable' fails every call with UNAVAILABLE and ends the running ones with it. */
  setMode(mode: DoubleMode): void {
    this.#state.mode = mode;
    if (mode === 'unavailable') {
      for (const call of [...this.#state.calls]) call.fail(errors.notReady());
    }
  }

  /** Cuts every client connection (GOAWAY, then the HTTP/2 sessions are destroyed). */
  dropConnections(): void {
    this.#server.drain(`${this.#state.host}:${this.#state.port}`, 0);
  }

  async stop(): Promise<void> {
    clearInterval(this.#stats);
    this.#server.forceShutdown();
    await Promise.resolve();
  }
}
