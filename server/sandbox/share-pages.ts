import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { Member } from '../../types/referralrock.js';
import { sameIgnoringCase } from '../lib/ignoring-case.js';
import type { SandboxContext } from './context.js';
import { recordActivity } from './store.js';

/** Where each channel would send the friend on the real internet, prefilled with the link. */
const NETWORK_SHARE_URLS: Record<string, (link: string) => string> = {
  sms: (link) => `sms:?body=${encodeURIComponent(link)}`,
  whatsapp: (link) => `https://wa.me/?text=${encodeURIComponent(link)}`,
  facebook: (link) => `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(link)}`,
  messenger: (link) => `fb-messenger://share/?link=${encodeURIComponent(link)}`,
  twitter: (link) => `https://twitter.com/intent/tweet?url=${encodeURIComponent(link)}`,
  email: (link) => `mailto:?body=${encodeURIComponent(link)}`,
  linkedin: (link) => `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(link)}`,
  telegram: (link) => `https://t.me/share/url?url=${encodeURIComponent(link)}`,
  web: (link) => link,
};

const page = (c: Context, title: string, lines: string[], status: 200 | 404 | 410 = 200) =>
  c.html(
    html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${title} · Referral Rock sandbox</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<p><strong>Referral Rock sandbox</strong>: nothing here leaves this machine.</p>
<h1>${title}</h1>${lines.map((line) => html`<p>${line}</p>`)}
</body></html>`,
    status,
  );

/**
 * The public pages behind a member's links: counting a view (`/r/:code`) or a share per channel
 * (`/s/:code/:channel`), then saying where the visitor would have gone.
 */
export function sharePages(ctx: SandboxContext) {
  const app = new Hono();
  const { state } = ctx;
  const byCode = (code: string): Member | undefined =>
    state.members.find((m) => sameIgnoringCase(m.referralCode, code) && !m.disabledFlag);

  app.get('/r/:code', (c) => {
    const member = byCode(c.req.param('code'));
    if (!member) return page(c, 'Unknown referral link', ['No member has this referral code.'], 404);
    recordActivity(state, member, 'view', 'link', ctx.now());
    ctx.counted(member.id);
    return page(c, `${member.firstName} invited you to ${member.programTitle}`, [
      'A friend following this link lands here. On a live program it opens the program’s landing page with the referral remembered.',
      `Referral code: ${member.referralCode}`,
    ]);
  });

  app.get('/s/:code/:channel', (c) => {
    const member = byCode(c.req.param('code'));
    // Own keys only: `__proto__`, `constructor` or `toString` are not channels.
    const channel = c.req.param('channel');
    const toNetwork = Object.hasOwn(NETWORK_SHARE_URLS, channel) ? NETWORK_SHARE_URLS[channel] : undefined;
    if (!member || !toNetwork) return page(c, 'Unknown share link', ['No member or channel matches this link.'], 404);
    recordActivity(state, member, 'share', channel, ctx.now());
    ctx.counted(member.id);
    return page(c, `Sharing on ${channel}`, [
      `${member.firstName}’s share was counted. On a live program you would now be at:`,
      toNetwork(`${ctx.linkBase(c)}/r/${member.referralCode}`),
    ]);
  });

  // Pre-authenticated links from POST api/memberaccessurls: valid for expireInMinutes.
  app.get('/embed/:token', (c) => {
    const link = ctx.embedLinks.get(c.req.param('token'));
    const member = link && state.members.find((m) => m.id === link.memberId);
    if (!link || !member) return page(c, 'Unknown link', ['This embed link was never issued by the sandbox (or the sandbox restarted).'], 404);
    if (link.expiresAt <= ctx.now().getTime()) {
      return page(c, 'This link has expired', ['Embed links expire after expireInMinutes; ask POST api/memberaccessurls for a fresh one.'], 410);
    }
    return page(c, `${member.displayName}’s ${link.kind === 'share' ? 'share widget' : 'member portal'}`, [
      'On a live program this is Referral Rock’s hosted, pre-authenticated page.',
    ]);
  });

  // A program's directUrl and widgetUrl (GET api/programs).
  const programPage = (what: string) => (c: Context) => {
    const program = state.programs.find((p) => p.name === c.req.param('name'));
    if (!program) return page(c, 'Unknown program', ['No program has this name.'], 404);
    const offer = program.referralOffer ? [`Friends get ${program.referralOffer}.`] : [];
    return page(c, `${program.title}: ${what}`, [`On a live program this is the program’s ${what}.`, ...offer]);
  };
  app.get('/p/:name', programPage('landing page'));
  app.get('/p/:name/widget', programPage('hosted share widget'));

  // Its own address, printed at start: say what lives below it rather than a bare 404.
  app.get('/', (c) =>
    page(c, 'The offline stand-in of the Referral Rock API', [
      'The API is under api/ (Basic auth with the sandbox key), as on api.referralrock.com; members’ share links are under r/.',
    ]),
  );

  app.get('/portal/:code', (c) => {
    const member = byCode(c.req.param('code'));
    if (!member) return page(c, 'Unknown member', ['No member has this referral code.'], 404);
    return page(c, `${member.programTitle}: member portal`, ['On a live program the member signs in here.']);
  });
  return app;
}
