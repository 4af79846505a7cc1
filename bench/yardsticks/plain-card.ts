/**
 * Yardstick for `npm run bench`: a plain-DOM card — a custom element that fetches `/v1/me` and
 * writes the same content as the least Lit element into its shadow root with `innerHTML`.
 */
import type { MeResponse } from '../../types/v1.js';

const escape = (text: unknown) => String(text ?? '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

class PlainCard extends HTMLElement {
  connectedCallback(): void {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.innerHTML = '<p>Loading…</p>';
    void fetch(`${this.getAttribute('endpoint')}/v1/me`, { headers: { authorization: `Bearer ${this.getAttribute('token')}` }, credentials: 'omit' })
      .then((response) => response.json())
      .then((data: MeResponse) => {
        const links = Object.entries(data.links).filter(([field]) => field !== 'shareUrl');
        root.innerHTML = `<h2>Share and earn, ${escape(data.member.name)}</h2>
          <p>Share your link. When friends join, you earn a reward.</p>
          <input part="link" readonly value="${escape(data.links.shareUrl)}" aria-label="Your referral link"><button>Copy</button>
          <ul>${links.map(([field, url]) => `<li><a href="${escape(url)}">${escape(field)}</a></li>`).join('')}</ul>
          <dl>${Object.entries(data.stats).map(([field, value]) => `<div><dt>${escape(field)}</dt><dd>${escape(value)}</dd></div>`).join('')}</dl>`;
      });
  }
}
customElements.define('plain-card', PlainCard);
