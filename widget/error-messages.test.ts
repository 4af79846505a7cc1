import { expect } from '@open-wc/testing';
import { canRetry, errorMessage, errorMessageKey, errorsEn } from './error-messages.js';
import ar from './i18n/ar.js';
import de from './i18n/de.js';
import { en } from './i18n/en.js';
import es from './i18n/es.js';
import fr from './i18n/fr.js';
import ja from './i18n/ja.js';
import ptBR from './i18n/pt-BR.js';

/** Every code our backend answers with (docs/api.md, "Errors") and the widget's own. */
const CODES = [
  'invalid_time_period', 'invalid_paging', 'missing_token', 'invalid_token', 'token_expired', 'member_not_found', 'not_found',
  'method_not_allowed', 'payload_too_large', 'rate_limited', 'headers_too_large', 'upstream_unreachable', 'upstream_error',
  'upstream_auth', 'upstream_bad_response', 'upstream_rejected', 'upstream_rate_limited', 'upstream_unavailable',
  'upstream_timeout', 'upstream_misconfigured', 'upstream_list_error', 'not_ready', 'internal_error', 'server_misconfigured', 'network_error', 'http_error', 'bad_response',
  'token_unavailable', 'unknown',
];
const CATALOGS = { en: { ...en, ...errorsEn }, ar, de, es, fr, ja, 'pt-BR': ptBR };

describe('error messages', () => {
  it('say what happened and what to do, in words for a shopper', () => {
    expect(errorMessage('network_error', en)).to.equal("We couldn't connect. Check your internet connection, then try again.");
    expect(errorMessage('token_expired', en)).to.equal('Your session has timed out. Reload the page to continue.');
    expect(errorMessage('invalid_token', en)).to.equal("We couldn't confirm it's you. Please sign in again, then reload the page.");
    expect(errorMessage('member_not_found', en)).to.match(/^We couldn't find your referral account yet/);
    expect(errorMessage('rate_limited', en)).to.equal('Lots of requests right now. Wait a minute, then try again.');
    expect(errorMessage('upstream_timeout', en)).to.equal(errorMessage('upstream_something_new', en));
    expect(errorMessage('what_is_this', en)).to.equal('Something went wrong. Please try again.');
  });

  it('exist in every language, and never name the vendor or tokens', () => {
    for (const [locale, t] of Object.entries(CATALOGS)) {
      for (const code of CODES) {
        const message = errorMessage(code, t);
        expect(message, `${locale} ${code}`).to.equal(t[errorMessageKey(code)]);
        expect(message, `${locale} ${code}`).not.to.match(/referral ?rock|token|jwt|upstream|api|\b[45]\d\d\b/i);
      }
    }
  });

  it('tell whether trying again can help', () => {
    expect(canRetry('upstream_timeout')).to.equal(true);
    expect(canRetry('network_error')).to.equal(true);
    expect(canRetry('server_misconfigured')).to.equal(false);
    expect(canRetry('upstream_misconfigured')).to.equal(false, 'a wrong base URL is the owner\'s to mend');
    expect(errorMessage('upstream_misconfigured', en)).to.equal(errorMessage('server_misconfigured', en), 'not "we couldn\'t find your account"');
    expect(canRetry('invalid_token')).to.equal(false);
    expect(canRetry('token_unavailable')).to.equal(true, 'a tokenProvider that failed is asked again');
  });
});
