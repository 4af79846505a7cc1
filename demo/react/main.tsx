import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'referral-share/define';
import type { TimePeriod } from 'referral-share';

/** React 19 passes attributes to custom elements and listens to `on<event-name>` props. */
function App({ endpoint, token }: { endpoint: string; token: string }) {
  const [timePeriod, setTimePeriod] = useState<TimePeriod>('All');
  const [status, setStatus] = useState('Waiting for the widget…');
  return (
    <main>
      <h1>React 19</h1>
      <referral-share
        endpoint={endpoint}
        token={token}
        time-period={timePeriod}
        onreferral-share-load={(event) => setStatus(`Loaded ${event.detail.data.member.referralCode} for ${event.detail.data.timePeriod}`)}
        onreferral-share-error={(event) => setStatus(`Error: ${event.detail.code}`)}
      />
      <label>
        Period{' '}
        <select id="period" value={timePeriod} onChange={(event) => setTimePeriod(event.target.value as TimePeriod)}>
          <option>All</option>
          <option>Last7Days</option>
          <option>Last30Days</option>
        </select>
      </label>
      <p id="status" role="status">
        {status}
      </p>
    </main>
  );
}

// Only for this example: endpoint and token from the address bar, as your page would provide them.
const params = new URLSearchParams(location.search);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App endpoint={params.get('endpoint') ?? ''} token={params.get('token') ?? ''} />
  </StrictMode>,
);
