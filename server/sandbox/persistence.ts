/**
 * Node-only: the sandbox's seed and data files. `createApp` and `createSandbox` stay
 * runtime-neutral; the Node entries call {@link sandboxStorageFromEnv} and pass its result in.
 */
import { closeSync, fsyncSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from '../config.js';
import { createSeedState } from './seed.js';
import { toSandboxState, type SandboxState } from './store.js';

export interface SandboxStorage {
  state: SandboxState;
  /** Present when `SANDBOX_DATA` is set: saves each change (share-page hits batched, one save per {@link SAVE_INTERVAL_MS}). */
  onChange?: StateWriter;
}

/** Least time between two batched saves of `SANDBOX_DATA`: hits on the share pages share one. */
export const SAVE_INTERVAL_MS = 250;

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
  const save = createStateWriter(dataPath, { minIntervalMs: SAVE_INTERVAL_MS });
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
  /**
   * Least time between the starts of two batched saves (default 0). Batched changes made meanwhile
   * share the next save: a burst of share-page hits costs one file write and one fsync, not one each.
   */
  minIntervalMs?: number;
  /** The clock and the timer the interval is kept with (tests pass fakes). */
  now?: () => number;
  schedule?: (run: () => void, ms: number) => () => void;
}

/**
 * A save function, plus `flush()`: runs the save waiting for its interval now (shutdown). With
 * `{ batch: true }` the save may wait for its interval; without, it starts as soon as the save under
 * way (if any) ends.
 */
export type StateWriter = ((state: SandboxState, how?: SaveHow) => Promise<void>) & { flush(): Promise<void> };
export interface SaveHow {
  batch?: boolean;
}

let tempCounter = 0;
const tempPathFor = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.${++tempCounter}.tmp`);
const serialise = (state: SandboxState) => `${JSON.stringify(state, null, 1)}\n`;

const timer = (run: () => void, ms: number) => {
  const id = setTimeout(run, ms);
  return () => clearTimeout(id);
};

/**
 * Saves the state to `path` atomically: the JSON goes to a temporary file beside it, is flushed to
 * disk, then renamed over `path`. A crash at any point leaves the previous or the new file, never a
 * torn one. Saves run one at a time; calls made while one runs share the next save (which
 * serialises the state when it starts). Batched saves (`{ batch: true }`) also wait for
 * `minIntervalMs` since the last save began. A save still waiting when the process exits is written
 * then, synchronously.
 *
 * @example const save = createStateWriter('sandbox.json', { minIntervalMs: 500 }); await save(state)
 */
export function createStateWriter(path: string, deps: WriterDependencies = {}): StateWriter {
  const doRename = deps.rename ?? rename;
  const interval = deps.minIntervalMs ?? 0;
  const now = deps.now ?? Date.now;
  const schedule = deps.schedule ?? timer;
  let running: Promise<void> | null = null;
  let lastStart = -Infinity;
  /** The save that covers every call since the last one started. */
  let waiting: { state: SandboxState; urgent: boolean; done: Promise<void>; settle: (run: Promise<void>) => void; cancelTimer?: () => void } | null = null;

  async function write(state: SandboxState): Promise<void> {
    const temp = tempPathFor(path);
    try {
      const file = await open(temp, 'w');
      try {
        await file.writeFile(serialise(state));
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

  function start(state: SandboxState): Promise<void> {
    lastStart = now();
    const run = write(state).finally(() => {
      running = null;
      startWaiting(false);
    });
    running = run;
    return run;
  }

  /** Starts the waiting save when its turn has come (or at once, when `now` is asked). */
  function startWaiting(atOnce: boolean): void {
    if (!waiting || running) return;
    const wait = atOnce || waiting.urgent ? 0 : lastStart + interval - now();
    if (wait > 0) {
      waiting.cancelTimer ??= schedule(() => {
        if (waiting) waiting.cancelTimer = undefined;
        startWaiting(false);
      }, wait);
      return;
    }
    const due = waiting;
    waiting = null;
    due.cancelTimer?.();
    process.off('exit', saveOnExit);
    due.settle(start(due.state));
  }

  function saveOnExit(): void {
    if (!waiting) return;
    const temp = tempPathFor(path);
    const fd = openSync(temp, 'w');
    try {
      writeFileSync(fd, serialise(waiting.state));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    waiting = null;
  }

  const save = (state: SandboxState, how: SaveHow = {}): Promise<void> => {
    const urgent = !how.batch;
    if (!waiting && !running && (urgent || now() - lastStart >= interval)) return start(state);
    if (!waiting) {
      let settle!: (run: Promise<void>) => void;
      const done = new Promise<void>((resolve, reject) => {
        settle = (run) => run.then(resolve, reject);
      });
      waiting = { state, urgent, done, settle };
      process.once('exit', saveOnExit);
    }
    waiting.state = state;
    waiting.urgent ||= urgent;
    const { done } = waiting;
    startWaiting(false);
    return done;
  };

  return Object.assign(save, {
    async flush(): Promise<void> {
      const pending = waiting?.done;
      await running?.catch(() => {});
      startWaiting(true);
      await pending;
    },
  });
}

/** Temporary files a crash left beside the data file. */
async function removeStaleTempFiles(path: string): Promise<void> {
  const prefix = `.${basename(path)}.`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(prefix) && n.endsWith('.tmp')).map((n) => unlink(join(dirname(path), n)).catch(() => {})));
}
