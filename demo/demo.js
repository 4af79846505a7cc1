// The demo page: pick a sandbox member; the widget asks the page for that member's token whenever
// it needs one (`tokenProvider`: at each load, and once more after a 401). Sandbox mode signs
// tokens with a secret it makes at each start, so after a server restart only a fresh token is
// accepted: asking /demo/token each time is what lets the widget's Retry recover by itself.
const select = document.getElementById('member');
const widget = document.getElementById('widget');
const help = document.getElementById('member-help');

async function memberToken() {
  const res = await fetch(`/demo/token?email=${encodeURIComponent(select.value)}`, { cache: 'no-store' });
  if (!res.ok) throw new Error(`No token for ${select.value} (HTTP ${res.status}).`);
  return (await res.json()).token;
}

function rememberMember() {
  const url = new URL(location.href);
  url.searchParams.set('member', select.value);
  history.replaceState(null, '', url);
}

async function loadMembers() {
  const res = await fetch('/demo/members');
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

try {
  const members = await loadMembers();
  for (const { email, name } of members) select.add(new Option(`${name} <${email}>`, email));
  select.value = new URLSearchParams(location.search).get('member') ?? '';
  if (!select.value) select.value = members[0].email; // none asked for, or not a sandbox member
  select.addEventListener('change', () => {
    rememberMember();
    void widget.reload(); // the provider hands out the newly chosen member's token
  });
  rememberMember();
  widget.endpoint = location.origin;
  widget.tokenProvider = memberToken; // with no `token` set, this starts the first load
} catch {
  help.dataset.state = 'error';
  help.textContent = 'The demo server did not answer with its members: reload the page once `npm start` runs.';
}
