import type { CSSResult, ReactiveController, ReactiveControllerHost } from 'lit';
import { changedArgs } from './changed-args.js';
import type { MeController } from './me-controller.js';
import { adoptStyles } from './style-sheets.js';

const PAGE = 5;

/**
 * A paged list's state, as the rewards and friends views take it. `next` is the offset of the page
 * after the shown ones, null after the last: pages may be short (the backend leaves out what the
 * member may not see), so it is not the number of items shown.
 */
export type ListState<Item> =
  | { status: 'idle' }
  | { status: 'loading' | 'loaded' | 'error'; items: Item[]; total: number; next: number | null; message?: string };

/** One page as the backend answers it; a backend without `nextOffset` pages by items and total. */
export interface ListPage<Item> {
  items: Item[];
  total: number;
  nextOffset?: number | null;
}

export interface ListSource<Item, View> {
  /** The disclosure's part: one left open loads its first page again after a reload. */
  part: string;
  /** One page of the list, with the member's token. */
  fetchPage(token: string, offset: number, count: number, signal?: AbortSignal): Promise<ListPage<Item>>;
  /** The view module, on demand. */
  loadView(): Promise<View>;
  /** The view's stylesheet, adopted into the element's shadow root once it has loaded. */
  stylesOf(view: View): CSSResult;
}

type Host = ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment };

/**
 * A list behind a disclosure (rewards, friends), loaded on demand: its first page and its view
 * module when the member first opens the disclosure, later pages with "Show more". It belongs to
 * the member's current load: a new one empties it, and loads its first page again if it is open.
 */
export class ListController<Item, View> implements ReactiveController {
  state: ListState<Item> = { status: 'idle' };
  /** The lazy view module, once loaded. */
  view?: View;
  readonly #host: Host;
  readonly #me: MeController;
  readonly #source: ListSource<Item, View>;
  /** The message shown for a failure, in the element's language. */
  readonly #errorText: (error: ReturnType<MeController['failed']>) => string;
  readonly #newLoad = changedArgs(() => [this.#me.signal]);

  constructor(host: Host, me: MeController, source: ListSource<Item, View>, errorText: (error: ReturnType<MeController['failed']>) => string) {
    this.#host = host;
    this.#me = me;
    this.#source = source;
    this.#errorText = errorText;
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.#newLoad()) this.state = { status: 'idle' };
  }

  hostUpdated(): void {
    this.#loadIfOpen();
  }

  /** The disclosure's `toggle`: opened, it loads the first page. */
  onToggle = (): void => this.#loadIfOpen();

  /** The disclosure's part. */
  get part(): string {
    return this.#source.part;
  }

  /** How many items show (before a page arrives: where focus should go after it). */
  get shown(): number {
    return this.state.status === 'idle' ? 0 : this.state.items.length;
  }

  /** The first page (when the disclosure opens), or the next one. */
  async loadMore(): Promise<void> {
    const { items, total, next } = this.state.status === 'idle' ? { items: [], total: 0, next: 0 } : this.state;
    const offset = next ?? items.length;
    this.#set({ status: 'loading', items, total, next });
    const signal = this.#me.signal;
    try {
      const [page, view] = await Promise.all([
        this.#me.withToken((token) => this.#source.fetchPage(token, offset, PAGE, signal)),
        this.#source.loadView(),
      ]);
      this.#useView(view);
      if (!signal?.aborted) this.#set({ status: 'loaded', items: [...items, ...page.items], total: page.total, next: nextOffset(page, offset) });
    } catch (err) {
      if (signal?.aborted) return;
      this.#set({ status: 'error', items, total, next, message: this.#errorText(this.#me.failed(err)) });
      // Without its module the list cannot show the error: back to idle, so reopening retries.
      await this.#source.loadView().then(
        (view) => this.#useView(view),
        () => this.#set({ status: 'idle' }),
      );
    }
  }

  /** The first page, for a disclosure open on the member's loaded data. */
  #loadIfOpen(): void {
    if (this.#me.state.status !== 'loaded' || this.state.status !== 'idle') return;
    if (this.#host.renderRoot.querySelector<HTMLDetailsElement>(`[part="${this.#source.part}"]`)?.open) void this.loadMore();
  }

  #useView(view: View): void {
    if (this.view) return;
    this.view = view;
    adoptStyles(this.#host.renderRoot, this.#source.stylesOf(view));
    this.#host.requestUpdate();
  }

  #set(state: ListState<Item>): void {
    this.state = state;
    this.#host.requestUpdate();
  }
}

/** Where the page after `page` (read at `offset`) starts, or null after the last one. */
function nextOffset(page: ListPage<unknown>, offset: number): number | null {
  if (page.nextOffset !== undefined) return typeof page.nextOffset === 'number' && page.nextOffset > offset ? page.nextOffset : null;
  const after = offset + page.items.length;
  return page.items.length > 0 && after < page.total ? after : null;
}
