import type { Context } from 'hono';
import type { HookEvent, Member, Program } from '../../types/referralrock.js';
import { createHookDelivery, type HookDeliveryOptions } from './hook-delivery.js';
import type { SandboxState } from './store.js';
import { SandboxError } from './validation.js';

/** What the sandbox's route modules share: the state, the clock, persistence and webhooks. */
export interface SandboxContext {
  readonly state: SandboxState;
  now(): Date;
  newId(): string;
  /** Marks the state changed; it is handed to `onChange` before the response leaves. */
  changed(): void;
  /** Hands the state to `onChange` now if it changed (the middleware calls this after each request). */
  flush(): Promise<void>;
  /** Delivers `element` to every subscriber of `event` (in the background, with retries). */
  emit(event: HookEvent, element: unknown): void;
  /** Waits until every webhook delivery under way has finished (tests, shutdown). */
  hooksIdle(): Promise<void>;
  /** The sandbox's public address (`http://host:port/sandbox`), for the links it hands out. */
  linkBase(c: Context): string;
  /** Pre-authenticated embed links handed out by `POST api/memberaccessurls`; they expire. */
  embedLinks: Map<string, { memberId: string; kind: 'share' | 'portal'; expiresAt: number }>;
  programOf(member: Pick<Member, 'programId'>): Program;
}

export interface ContextOptions extends HookDeliveryOptions {
  state: SandboxState;
  mountPath: string;
  onChange?: (state: SandboxState) => void | Promise<void>;
  now?: () => Date;
}

export function createContext(options: ContextOptions): SandboxContext {
  const { state } = options;
  const now = options.now ?? (() => new Date());
  let dirty = false;

  const flush = async (): Promise<void> => {
    if (!dirty || !options.onChange) return;
    dirty = false;
    await options.onChange(state);
  };
  const changed = () => {
    dirty = true;
  };

  const delivery = createHookDelivery({ state, now, changed: () => { changed(); void flush().catch(reportSaveFailure); } }, options);

  return {
    state,
    now,
    newId: () => crypto.randomUUID(),
    changed,
    flush,
    emit: delivery.emit,
    hooksIdle: delivery.idle,
    linkBase: (c) => `${new URL(c.req.url).origin}${options.mountPath}`,
    embedLinks: new Map(),
    programOf: (member) => {
      const program = state.programs.find((p) => p.id === member.programId);
      if (!program) throw new SandboxError(404, 'The member’s program no longer exists.');
      return program;
    },
  };
}

function reportSaveFailure(err: unknown): void {
  console.error(JSON.stringify({ level: 'error', msg: 'sandbox: could not save state', name: (err as Error).name }));
}
