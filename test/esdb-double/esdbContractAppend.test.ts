/** The event-store contract over the double when ServerFeatures is UNIMPLEMENTED: streaming Append. */
import t from 'tap';
import { runEsdbContract } from './esdbContract.js';
import { startEsdbDouble } from './startEsdbDouble.js';

const double = await startEsdbDouble({ batchAppend: false, maxAppendSize: 8 * 1024 * 1024 });
t.teardown(() => double.stop());
runEsdbContract(t, 'EventStoreDB double, Append', double.connectionString);
