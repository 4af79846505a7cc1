// The demo page: pick a sandbox member, get a token for them, hand it to the widget.
const select = document.getElementById('member');
const widget = document.getElementById('widget');
widget.endpoint = location.origin;

async function showMember(email) {
  const res = await fetch(`/demo/token?email=${encodeURIComponent(email)}`);
  const { token } = await res.json();
  widget.token = token;
  const url = new URL(location.href);
  url.searchParams.set('member', email);
  history.replaceState(null, '', url);
}

const members = await (await fetch('/demo/members')).json();
for (const { email, name } of members) select.add(new Option(`${name} <${email}>`, email));
select.value = new URLSearchParams(location.search).get('member') ?? members[0].email;
select.addEventListener('change', () => showMember(select.value));
await showMember(select.value);
