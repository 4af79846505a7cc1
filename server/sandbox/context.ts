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
  /**
   * Marks the state changed, concerning `memberId`'s numbers when given: the state is handed to
   * `onChange` (saved) before the response leaves, and `onMemberChange` hears of the member.
   */
  changed(memberId?: string): void;
  /**
   * A share or view counted by a public share page: `onMemberChange` hears of the member, and the
   * state goes to `onChange` without the response waiting for the save (the writer batches them).
   */
  counted(memberId: string): void;
  /** Tells `onMemberChange` and `onChange` of what changed (the middleware calls this after each request). */
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
  /** The path its links name when it differs from `mountPath` (the whole app mounted under `/rewards`). */
  linkPath?: string;
  onChange?: (state: SandboxState, how?: { batch?: boolean }) => void | Promise<void>;
  onMemberChange?: (memberId: string) => void;
  now?: () => Date;
}

export function createContext(options: ContextOptions): SandboxContext {
  const { state } = options;
  const now = options.now ?? (() => new Date());
  let dirty = false;
  let counted = false;
  const touched = new Set<string>();

  const flush = async (): Promise<void> => {
    for (const memberId of touched) options.onMemberChange?.(memberId);
    touched.clear();
    if (!options.onChange || (!dirty && !counted)) return;
    const mustWait = dirty;
    dirty = counted = false;
    const saved = Promise.resolve(options.onChange(state, { batch: !mustWait }));
    // Counted shares and views are not worth a save per hit: the response leaves at once, and
    // the writer folds the hits into one save (persistence.ts); a failure is only reported.
    if (mustWait) await saved;
    else saved.catch(reportSaveFailure);
  };
  const changed = (memberId?: string) => {
    dirty = true;
    if (memberId !== undefined) touched.add(memberId);
  };

  const delivery = createHookDelivery({ state, now, changed: () => { changed(); void flush().catch(reportSaveFailure); } }, options);

  return {
    state,
    now,
    newId: () => crypto.randomUUID(),
    changed,
    counted: (memberId) => {
      counted = true;
      touched.add(memberId);
    },
    flush,
    emit: delivery.emit,
    hooksIdle: delivery.idle,
    linkBase: (c) => `${new URL(c.req.url).origin}${options.linkPath ?? options.mountPath}`,
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
