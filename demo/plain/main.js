// Plain DOM, no framework: attributes in, events out.
const params = new URLSearchParams(location.search);
const widget = document.querySelector('referral-share');
const status = document.querySelector('#status');

widget.addEventListener('referral-share-load', (event) => {
  const { member, timePeriod } = event.detail.data;
  status.textContent = `Loaded ${member.referralCode} for ${timePeriod}`;
});
widget.addEventListener('referral-share-error', (event) => {
  status.textContent = `Error: ${event.detail.code}`;
});
document.querySelector('#period').addEventListener('change', (event) => {
  widget.setAttribute('time-period', event.target.value);
});
widget.setAttribute('endpoint', params.get('endpoint') ?? '');
widget.setAttribute('token', params.get('token') ?? '');
