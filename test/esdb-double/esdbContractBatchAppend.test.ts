/** The event-store contract against the EventStoreDB adapter over the double, appending with BatchAppend. */
import t from 'tap';
import { runEsdbContract } from './esdbContract.js';
import { startEsdbDouble } from './startEsdbDouble.js';

// The contract appends up to ~3 MB at once; a real server needs MaxAppendSize raised the same way.
const double = await startEsdbDouble({ batchAppend: true, maxAppendSize: 8 * 1024 * 1024 });
t.teardown(() => double.stop());
runEsdbContract(t, 'EventStoreDB double, BatchAppend', double.connectionString);
