import t from 'tap';
import { startEsdbDouble } from '../esdb-double/startEsdbDouble.js';

// The error-code suite again, with both services on EVENT_STORE=esdb over the EventStoreDB wire
// double (the real @eventstore/db-client over gRPC sockets).
const double = await startEsdbDouble({ batchAppend: true });
t.teardown(() => double.stop());
process.env.E2E_STORE_ENV = JSON.stringify({
  EVENT_STORE: 'esdb',
  EVENTSTORE_CONNECTION_STRING: double.connectionString,
});
await import('./errors.test.js');
