// The simulate panel: play a friend and the program for the signed-in member, then reload the
// widget. Server steps go through /demo/simulate/* (sandbox mode only), which call the sandbox's
// documented endpoints with the server's key: this page never holds an API key.
const panel = document.getElementById('simulate');
const widget = document.getElementById('widget');
const select = document.getElementById('member');
const status = document.getElementById('simulate-status');
let shareUrl = null;

widget.addEventListener('referral-share-load', (event) => {
  shareUrl = event.detail.data.links.shareUrl ?? null;
});

async function serverStep(step) {
  const res = await fetch(`/demo/simulate/${step}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: select.value }),
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? `The step failed (HTTP ${res.status}).`);
  return body.message;
}

// The sandbox's latest webhook deliveries to this server, as Referral Rock sends them: signed,
// PascalCase, with EventType and Timestamp.
const webhooks = document.getElementById('simulate-webhooks');
async function showWebhooks() {
  const res = await fetch('/demo/webhooks').catch(() => null);
  const body = res?.ok ? await res.json() : null;
  if (!body || body.deliveries.length === 0) return;
  webhooks.hidden = false;
  webhooks.querySelector('pre').textContent = [
    body.signature,
    ...body.deliveries.map((d) => `${d.event}: ${d.status}${d.lastResponseStatus ? ` (HTTP ${d.lastResponseStatus})` : ''}\n${JSON.stringify(d.body, null, 2)}`),
  ].join('\n\n');
}

const steps = {
  // A friend's browser opening the member's link: the sandbox counts the view.
  async visit() {
    shareUrl ??= widget.shadowRoot?.querySelector('[part="link"]')?.value ?? null;
    if (!shareUrl) throw new Error('The widget has not loaded the member’s link yet.');
    const res = await fetch(shareUrl);
    if (!res.ok) throw new Error(`The link answered HTTP ${res.status}.`);
    return 'A friend opened the link: one more view.';
  },
  signup: () => serverStep('signup'),
  approve: () => serverStep('approve'),
  issue: () => serverStep('issue'),
  // A friend on the unsubscribe list: the card's "Refer a friend" refuses that address.
  unsubscribe: () => serverStep('unsubscribe'),
};

panel.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-step]');
  if (!button) return;
  const buttons = panel.querySelectorAll('button[data-step]');
  buttons.forEach((b) => (b.disabled = true));
  status.dataset.state = 'busy';
  status.textContent = 'Working…';
  try {
    const message = await steps[button.dataset.step]();
    await widget.reload();
    status.dataset.state = 'ok';
    status.textContent = message;
    await showWebhooks();
  } catch (err) {
    status.dataset.state = 'error';
    status.textContent = err.message;
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
});
