/**
 * The file through which `npm run token` signs for the sandbox `npm start` runs: the sandbox's own
 * token secret (`ServerConfig.sandboxTokenSecret`, made at each start), written by the Node CLI in
 * the folder it runs in, readable by its user alone, ignored by git. Tokens signed with it are
 * accepted by that running sandbox and by no live server (none holds the secret).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/** Where the running sandbox's token secret is kept, relative to the folder the commands run in. */
export const SANDBOX_TOKEN_FILE = '.sandbox-token-secret';

const pathIn = (folder: string) => resolve(folder, SANDBOX_TOKEN_FILE);

/** Writes the secret (owner read/write only). @example await writeSandboxTokenSecret(config.sandboxTokenSecret!) */
export async function writeSandboxTokenSecret(secret: string, folder = process.cwd()): Promise<void> {
  await writeFile(pathIn(folder), `${secret}\n`, { mode: 0o600 });
}

/** The running sandbox's secret, or undefined when no sandbox wrote one here. */
export async function readSandboxTokenSecret(folder = process.cwd()): Promise<string | undefined> {
  try {
    return (await readFile(pathIn(folder), 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Removes the file when the sandbox stops: its tokens die with it. */
export async function removeSandboxTokenSecret(folder = process.cwd()): Promise<void> {
  await rm(pathIn(folder), { force: true });
}
