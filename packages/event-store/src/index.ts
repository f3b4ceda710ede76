export type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from './eventStore.js';
export {
  DuplicateEventIdError,
  EventStoreError,
  InvalidAppendError,
  isEventStoreError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from './errors.js';
export type { EventStoreErrorCode } from './errors.js';
export { openEventStore } from './openEventStore.js';
export type {
  EsdbEventStoreConfig,
  EventStoreConfig,
  SqliteEventStoreConfig,
} from './openEventStore.js';
export { openSqliteEventStore } from './sqlite/sqliteEventStore.js';
export type { SqliteEventStore, SqliteEventStoreOptions } from './sqlite/sqliteEventStore.js';
export type { SqliteConnectionSettings } from './sqlite/sqliteConnection.js';
export { openEsdbEventStore } from './esdb/esdbEventStore.js';
export type { EsdbEventStoreOptions } from './esdb/esdbEventStore.js';
export { MAX_STREAM_NAME_LENGTH, validateStreamName } from './prepareAppend.js';
export { canonicalJson } from './canonicalJson.js';
export { chainEvents, eventHash, GENESIS_HASH, verifyStreamChain } from './hashChain.js';
export type { ChainFailure, ChainFailureReason, HashableEvent } from './hashChain.js';
