/**
 * Node-only: the sandbox's seed and data files. `createApp` and `createSandbox` stay
 * runtime-neutral; the Node entries call {@link sandboxStorageFromEnv} and pass its result in.
 */
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from '../config.js';
import { createSeedState } from './seed.js';
import { toSandboxState, type SandboxState } from './store.js';

export interface SandboxStorage {
  state: SandboxState;
  /** Present when `SANDBOX_DATA` is set: saves each change. */
  onChange?: (state: SandboxState) => Promise<void>;
}

/**
 * Reads `SANDBOX_DATA` (state kept across restarts) and `SANDBOX_SEED` (a starting state). The data
 * file wins when it exists; otherwise the seed (or the default seed) starts it. Problems become a
 * {@link ConfigError}, one line each.
 *
 * @example const { state, onChange } = await sandboxStorageFromEnv(process.env)
 */
export async function sandboxStorageFromEnv(env: Record<string, string | undefined>): Promise<SandboxStorage> {
  const seedPath = env.SANDBOX_SEED?.trim() || undefined;
  const dataPath = env.SANDBOX_DATA?.trim() || undefined;
  const fromData = dataPath ? await readStateFile(dataPath, 'SANDBOX_DATA', true) : undefined;
  const state = fromData ?? (seedPath ? await readStateFile(seedPath, 'SANDBOX_SEED', false) : undefined) ?? createSeedState();
  if (!dataPath) return { state };
  await removeStaleTempFiles(dataPath);
  const save = createStateWriter(dataPath);
  if (!fromData) await save(state); // the file exists from the start: a readable example of the format
  return { state, onChange: save };
}

async function readStateFile(path: string, variable: string, mayBeMissing: true): Promise<SandboxState | undefined>;
async function readStateFile(path: string, variable: string, mayBeMissing: false): Promise<SandboxState>;
async function readStateFile(path: string, variable: string, mayBeMissing: boolean): Promise<SandboxState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && mayBeMissing) return undefined;
    throw new ConfigError([`${variable}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError([`${variable}: ${path} is not valid JSON.`]);
  }
  const state = toSandboxState(parsed);
  if ('error' in state) throw new ConfigError([`${variable}: ${path}: ${state.error}.`]);
  return state;
}

export interface WriterDependencies {
  /** Swapped by tests to simulate a crash between writing and renaming. */
  rename?: (from: string, to: string) => Promise<void>;
}

let tempCounter = 0;

/**
 * Saves the state to `path` atomically: the JSON goes to a temporary file beside it, is flushed to
 * disk, then renamed over `path`. A crash at any point leaves the previous or the new file, never a
 * torn one. Saves run one at a time; calls made while one runs share the next save.
 */
export function createStateWriter(path: string, deps: WriterDependencies = {}): (state: SandboxState) => Promise<void> {
  const doRename = deps.rename ?? rename;
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;

  async function write(state: SandboxState): Promise<void> {
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${++tempCounter}.tmp`);
    try {
      const file = await open(temp, 'w');
      try {
        await file.writeFile(`${JSON.stringify(state, null, 1)}\n`);
        await file.sync();
      } finally {
        await file.close();
      }
      await doRename(temp, path);
    } catch (err) {
      await unlink(temp).catch(() => {});
      throw err;
    }
  }

  const start = (state: SandboxState): Promise<void> => {
    const run = write(state).finally(() => {
      if (running === run) running = null;
    });
    running = run;
    return run;
  };

  return (state) => {
    if (!running) return start(state);
    // A save is under way: the next one (which serialises the state when it starts) covers this change.
    next ??= running.catch(() => {}).then(() => {
      next = null;
      return start(state);
    });
    return next;
  };
}

/** Temporary files a crash left beside the data file. */
async function removeStaleTempFiles(path: string): Promise<void> {
  const prefix = `.${basename(path)}.`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(prefix) && n.endsWith('.tmp')).map((n) => unlink(join(dirname(path), n)).catch(() => {})));
}
