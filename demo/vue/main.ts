import { createApp } from 'vue';
import 'referral-share/define';
import App from './App.vue';

// Only for this example: endpoint and token from the address bar, as your page would provide them.
const params = new URLSearchParams(location.search);
createApp(App, { endpoint: params.get('endpoint') ?? '', token: params.get('token') ?? '' }).mount('#app');
