import { expect } from '@open-wc/testing';
import { CHANNELS, channelUrl, parseList, shareText, textWithoutUrl } from './channels.js';
import ar from './i18n/ar.js';
import de from './i18n/de.js';
import { en } from './i18n/en.js';
import es from './i18n/es.js';
import fr from './i18n/fr.js';
import ja from './i18n/ja.js';
import ptBR from './i18n/pt-BR.js';

const SHARE = 'https://rr.example/r/ADA2024';
const TEXT = shareText('Join me: {url}', SHARE);
const built = (channel: Parameters<typeof channelUrl>[0]) => channelUrl(channel, { shareUrl: SHARE }, TEXT, 'A gift & more');

describe('channels', () => {
  it('builds every link channel from shareUrl when Referral Rock sent none', () => {
    expect(TEXT).to.equal('Join me: https://rr.example/r/ADA2024');
    expect(built('email')).to.equal('mailto:?subject=A%20gift%20%26%20more&body=Join%20me%3A%20https%3A%2F%2Frr.example%2Fr%2FADA2024');
    expect(built('sms')).to.equal('sms:?&body=Join%20me%3A%20https%3A%2F%2Frr.example%2Fr%2FADA2024');
    expect(built('whatsapp')).to.equal('https://wa.me/?text=Join%20me%3A%20https%3A%2F%2Frr.example%2Fr%2FADA2024');
    expect(built('x')).to.equal('https://x.com/intent/tweet?text=Join%20me%3A%20https%3A%2F%2Frr.example%2Fr%2FADA2024');
    expect(built('facebook')).to.equal('https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Frr.example%2Fr%2FADA2024');
    expect(built('linkedin')).to.equal('https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Frr.example%2Fr%2FADA2024');
    expect(built('telegram')).to.equal('https://t.me/share/url?url=https%3A%2F%2Frr.example%2Fr%2FADA2024&text=Join%20me');
    // Facebook's send dialog needs an app id: Messenger only with Referral Rock's own link.
    expect(built('messenger')).to.equal(undefined);
  });

  it("prefers Referral Rock's link (it counts the share) and drops an unsafe one instead of replacing it", () => {
    const links = { shareUrl: SHARE, emailShareUrl: 'https://rr.example/s/email', facebookMessengerShareUrl: 'https://rr.example/s/messenger', smsShareUrl: 'javascript:alert(1)', whatsAppShareUrl: 'data:text/html,x' };
    expect(channelUrl('email', links, TEXT, 's')).to.equal('https://rr.example/s/email');
    expect(channelUrl('messenger', links, TEXT, 's')).to.equal('https://rr.example/s/messenger');
    expect(channelUrl('sms', links, TEXT, 's')).to.equal(undefined);
    expect(channelUrl('whatsapp', links, TEXT, 's')).to.equal(undefined);
  });

  it('builds nothing without a safe share URL', () => {
    expect(channelUrl('x', { shareUrl: 'javascript:alert(1)' }, TEXT, 's')).to.equal(undefined);
    expect(channelUrl('x', {}, TEXT, 's')).to.equal(undefined);
  });

  it('inserts the link where {url} stands, or appends it', () => {
    expect(shareText('Use {url} today, {url}!', 'https://a.example')).to.equal('Use https://a.example today, https://a.example!');
    expect(shareText('Join me', 'https://a.example')).to.equal('Join me https://a.example');
  });

  it('cuts the link out of the Telegram text without leaving punctuation or doubled spaces behind', () => {
    const cut = (template: string) => textWithoutUrl(shareText(template, SHARE), SHARE);
    expect(cut('Join me: {url}')).to.equal('Join me');
    expect(cut('Try Acme, on me: {url} (ends soon)')).to.equal('Try Acme, on me (ends soon)');
    expect(cut('Join me: {url}!')).to.equal('Join me!');
    expect(cut('Get 10% off – {url} — today only')).to.equal('Get 10% off today only');
    expect(cut('{url} - a gift from me')).to.equal('a gift from me');
    expect(cut('Join me')).to.equal('Join me'); // the link was appended
    expect(cut('Rejoignez-moi : {url}')).to.equal('Rejoignez-moi'); // a hyphen inside a word stays
    expect(cut('一緒に参加しよう：{url}')).to.equal('一緒に参加しよう');
    // Every built-in default message reads as a sentence of its own.
    for (const { shareMessage } of [en, es, fr, de, ptBR, ja, ar]) {
      expect(cut(shareMessage), shareMessage).to.equal(shareMessage.replace(/\s*[:：]\s*\{url\}$/u, ''));
    }
    expect(channelUrl('telegram', { shareUrl: SHARE }, shareText('Try Acme, on me: {url} (ends soon)', SHARE), 's')).to.equal(
      `https://t.me/share/url?url=${encodeURIComponent(SHARE)}&text=${encodeURIComponent('Try Acme, on me (ends soon)')}`,
    );
  });

  it('reads channel lists in the given order, once each, ignoring unknown words', () => {
    expect(parseList('x, email  qr,x bogus', CHANNELS)).to.deep.equal(['x', 'email', 'qr']);
    expect(parseList('', CHANNELS)).to.deep.equal([]);
    expect(parseList(null, CHANNELS)).to.deep.equal([]);
  });
});
