/**
 * The event-store contract against a real EventStoreDB, when EVENTSTORE_CONNECTION_STRING names
 * one (e.g. `esdb://localhost:2113?tls=false`). The server must accept appends of ~3 MB
 * (MaxAppendSize, e.g. EVENTSTORE_MAX_APPEND_SIZE=8388608); streams are unique per test.
 */
import t from 'tap';
import { runEsdbContract } from './esdbContract.js';

const connectionString = process.env['EVENTSTORE_CONNECTION_STRING'];
if (connectionString === undefined || connectionString === '') {
  t.plan(
    0,
    'EVENTSTORE_CONNECTION_STRING is not set: no real EventStoreDB to run the contract against',
  );
} else {
  runEsdbContract(t, `EventStoreDB at ${connectionString}`, connectionString);
}
