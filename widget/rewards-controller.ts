import type { ReactiveControllerHost } from 'lit';
import { loadRewardsView, type RewardsView } from './lazy.js';
import { fetchRewards } from './me-client.js';
import type { MeController } from './me-controller.js';
import type { RewardsState } from './rewards-view.js';

const PAGE = 5;

/**
 * The rewards list, loaded on demand: its first page and its view module when the member first
 * opens the disclosure, later pages with "Show more". The view's styles are adopted into the
 * element's shadow root with it.
 */
export class RewardsController {
  state: RewardsState = { status: 'idle' };
  /** The lazy view module, once loaded. */
  view?: RewardsView;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment; endpoint: string },
    private readonly me: MeController,
    /** The message shown for a failure, in the element's language. */
    private readonly errorText: (error: ReturnType<MeController['failed']>) => string,
  ) {}

  /** Back to closed and empty: the data behind the list changed. */
  reset(): void {
    this.state = { status: 'idle' };
  }

  /** The first page (when the disclosure opens), or the next one. */
  async loadMore(): Promise<void> {
    const { items, total } = this.state.status === 'idle' ? { items: [], total: 0 } : this.state;
    this.set({ status: 'loading', items, total });
    const signal = this.me.signal;
    try {
      const [page, view] = await Promise.all([
        this.me.withToken((token) => fetchRewards(this.host.endpoint, token, items.length, PAGE, signal)),
        loadRewardsView(),
      ]);
      this.useView(view);
      if (!signal?.aborted) this.set({ status: 'loaded', items: [...items, ...page.rewards], total: page.total });
    } catch (err) {
      if (signal?.aborted) return;
      this.set({ status: 'error', items, total, message: this.errorText(this.me.failed(err)) });
      // Without its module the list cannot show the error: back to idle, so reopening retries.
      await loadRewardsView().then(
        (view) => this.useView(view),
        () => this.set({ status: 'idle' }),
      );
    }
  }

  private useView(view: RewardsView): void {
    if (this.view) return;
    this.view = view;
    const root = this.host.renderRoot as ShadowRoot;
    // A constructed stylesheet, as Lit's own styles: allowed under a strict style-src.
    const sheet = view.rewardsStyles.styleSheet;
    if (root.adoptedStyleSheets && sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    this.host.requestUpdate();
  }

  private set(state: RewardsState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}
