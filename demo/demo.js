// The demo page: pick a sandbox member, get a token for them from /demo/token, hand it to the
// widget — and give the widget a `tokenProvider` for when that token is refused (a 401). Sandbox
// mode signs tokens with a secret it makes at each start and for 10 minutes: after a server
// restart, or a while on the page, the widget's load or Retry gets a 401 once, asks the provider,
// and carries on with the fresh token.
const select = document.getElementById('member');
const widget = document.getElementById('widget');
const help = document.getElementById('member-help');
const helpText = help.innerHTML;

async function memberToken(email) {
  const res = await fetch(`/demo/token?email=${encodeURIComponent(email)}`, { cache: 'no-store' });
  if (!res.ok) throw new Error(`The demo server gave no token for ${email} (HTTP ${res.status}).`);
  return (await res.json()).token;
}

/** What the widget calls after a 401. The fresh token also goes on the element, so the next loads start with it (the element reloads at once, with it). */
async function freshToken() {
  const token = await memberToken(select.value);
  widget.token = token;
  return token;
}

function rememberMember() {
  const url = new URL(location.href);
  url.searchParams.set('member', select.value);
  history.replaceState(null, '', url);
}

function explain(problem) {
  help.dataset.state = problem ? 'error' : '';
  if (problem) help.textContent = `${problem} Is the server running? Try again once it is.`;
  else help.innerHTML = helpText;
}

async function loadMembers() {
  const res = await fetch('/demo/members');
  if (!res.ok) throw new Error(`The demo server did not list its members (HTTP ${res.status}).`);
  return res.json();
}

let shownMember = '';
select.addEventListener('change', async () => {
  try {
    widget.token = await memberToken(select.value);
    shownMember = select.value;
    rememberMember();
    explain(null);
  } catch {
    explain(`Could not switch to ${select.value}: the demo server did not answer.`);
    select.value = shownMember; // the widget still shows this one
  }
});

try {
  const members = await loadMembers();
  for (const { email, name } of members) select.add(new Option(name, email)); // the name alone fits a phone; the email is the value (and in the URL)
  select.value = new URLSearchParams(location.search).get('member') ?? '';
  if (!select.value) select.value = members[0].email; // none asked for, or not a sandbox member
  shownMember = select.value;
  rememberMember();
  const token = await memberToken(select.value);
  // All three at once: one load, with this token (the provider alone would start one of its own).
  Object.assign(widget, { endpoint: location.origin, token, tokenProvider: freshToken });
} catch (err) {
  explain(err instanceof TypeError ? 'The demo server did not answer.' : err.message);
}
