import { expect } from '@open-wc/testing';
import { safeUrl } from './safe-url.js';

describe('safeUrl', () => {
  it('keeps https, http, mailto and sms links', () => {
    for (const url of ['https://a.example/x', 'http://a.example', 'mailto:?body=hi', 'sms:?&body=hi']) expect(safeUrl(url)).to.equal(url);
  });
  it('drops javascript:, data:, other schemes and garbage', () => {
    for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>x</script>', 'vbscript:x', 'fb-messenger://share', 'not a url', '', undefined]) {
      expect(safeUrl(url), String(url)).to.equal(undefined);
    }
  });
});
