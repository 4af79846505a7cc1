/**
 * Yardstick for `npm run bench`: the least a Lit element can do — fetch `/v1/me` and render the
 * same content as the widget's first paint (heading, intro, link, Copy, channel links, stats) in
 * one template, with no styles, no states and no formatting. Built from the project's own `lit`.
 */
import { LitElement, html } from 'lit';
import type { MeResponse } from '../../types/v1.js';

class LeastLit extends LitElement {
  static override properties = { data: { state: true } };
  declare data: MeResponse | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    const endpoint = this.getAttribute('endpoint');
    const token = this.getAttribute('token');
    void fetch(`${endpoint}/v1/me`, { headers: { authorization: `Bearer ${token}` }, credentials: 'omit' })
      .then((response) => response.json())
      .then((data: MeResponse) => (this.data = data));
  }

  override render() {
    const data = this.data;
    if (!data) return html`<p>Loading…</p>`;
    const links = Object.entries(data.links).filter(([field]) => field !== 'shareUrl');
    return html`<h2>Share and earn, ${data.member.name}</h2>
      <p>Share your link. When friends join, you earn a reward.</p>
      <input part="link" readonly .value=${data.links.shareUrl ?? ''} aria-label="Your referral link" /><button>Copy</button>
      <ul>${links.map(([field, url]) => html`<li><a href=${url ?? ''}>${field}</a></li>`)}</ul>
      <dl>${Object.entries(data.stats).map(([field, value]) => html`<div><dt>${field}</dt><dd>${value}</dd></div>`)}</dl>`;
  }
}
customElements.define('least-lit', LeastLit);
