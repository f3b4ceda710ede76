export { runEventStoreContract } from './contractSuite.js';
export type { EventStoreHarness } from './contractSuite.js';
export { ChildAppender } from './childAppenderClient.js';
export type { ChildCommand, ChildMessage, ChildResult } from './childProtocol.js';
export {
  collect,
  countStream,
  makeTestEvent,
  makeTestEvents,
  SubscriptionReader,
  uniqueStream,
} from './contractHelpers.js';
