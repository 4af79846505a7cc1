/**
 * `npm start` / `npm run serve`: the backend on Node, configured from the environment. In sandbox
 * mode it leaves its token secret in `.sandbox-token-secret`, so `npm run token` signs tokens it accepts.
 */
import { startNodeServer } from './node.js';
import { removeSandboxTokenSecret, writeSandboxTokenSecret } from './sandbox-token-file.js';
import { startOrExit } from './startup.js';

const server = await startOrExit(() => startNodeServer(process.env), (code) => process.exit(code));
const sandboxSecret = server.config.sandboxTokenSecret;
if (sandboxSecret !== undefined) await writeSandboxTokenSecret(sandboxSecret);
const stop = () =>
  void Promise.all([server.close(), sandboxSecret !== undefined ? removeSandboxTokenSecret() : undefined]).then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
