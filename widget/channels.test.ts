import { expect } from '@open-wc/testing';
import { CHANNELS, channelUrl, parseList, shareText } from './channels.js';

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
    expect(built('telegram')).to.equal('https://t.me/share/url?url=https%3A%2F%2Frr.example%2Fr%2FADA2024&text=Join%20me%3A');
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

  it('reads channel lists in the given order, once each, ignoring unknown words', () => {
    expect(parseList('x, email  qr,x bogus', CHANNELS)).to.deep.equal(['x', 'email', 'qr']);
    expect(parseList('', CHANNELS)).to.deep.equal([]);
    expect(parseList(null, CHANNELS)).to.deep.equal([]);
  });
});
