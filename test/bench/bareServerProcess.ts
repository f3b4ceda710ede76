/** Child process entry of startBareServer: takes its bodies over IPC, answers with its URL. */
import { listenBare, type BareBodies } from './bareServer.js';

process.once('message', (bodies: BareBodies) => {
  void listenBare(bodies).then((url) => process.send!({ url }));
});
process.once('SIGTERM', () => process.exit(0));
