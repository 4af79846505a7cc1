import { Hono } from 'hono';
import { MEMBER_IDENTIFIER_FIELDS, TIME_PERIODS } from '../../shared/referralrock.js';
import type { Member, MemberAccessUrls, MemberIdentifierField, TimePeriod } from '../../types/referralrock.js';
import { sameIgnoringCase } from '../lib/ignoring-case.js';
import type { SandboxContext } from './context.js';
import { readObject } from './http.js';
import { computeMemberStats, findMemberByQuery } from './store.js';
import { SandboxError } from './validation.js';

const MAX_EMBED_LINKS = 10_000;

const IDENTIFIER_LIMITS: Record<MemberIdentifierField, number> = { memberId: 36, referralCode: 50, emailAddress: 100, externalId: 100 };

/** `POST api/memberaccessurls` and `GET api/memberstats/getsingle`, from the live state. */
export function memberAccessRoutes(ctx: SandboxContext) {
  const app = new Hono();
  const { state } = ctx;

  app.post('/memberaccessurls', async (c) => {
    const body = await readObject(c, 'MemberAccessUrlsQuery');
    const given = MEMBER_IDENTIFIER_FIELDS.filter((f) => body[f] !== undefined && body[f] !== null && body[f] !== '');
    if (given.length !== 1) {
      throw new SandboxError(400, 'Exactly one search parameter is required: memberId, referralCode, emailAddress or externalId.');
    }
    const field = given[0]!;
    const value = body[field];
    if (typeof value !== 'string' || value.length > IDENTIFIER_LIMITS[field]) {
      throw new SandboxError(400, `${field} must be a string of at most ${IDENTIFIER_LIMITS[field]} characters.`);
    }
    const expire = body.expireInMinutes ?? 20;
    if (typeof expire !== 'number' || !Number.isInteger(expire) || expire < 5 || expire > 43200) {
      throw new SandboxError(400, 'expireInMinutes must be an integer from 5 to 43200.');
    }
    const member = state.members.find(
      (m) =>
        !m.disabledFlag &&
        (field === 'memberId' ? sameIgnoringCase(m.id, value) : field === 'referralCode' ? sameIgnoringCase(m.referralCode, value) : field === 'emailAddress' ? sameIgnoringCase(m.email, value) : m.externalIdentifier === value),
    );
    if (!member) throw new SandboxError(404, 'Member not found.');
    return c.json<MemberAccessUrls>(accessUrls(ctx, ctx.linkBase(c), member, expire));
  });

  app.get('/memberstats/getsingle', (c) => {
    const query = c.req.query('query');
    if (!query) throw new SandboxError(400, 'The query parameter is required (email, member id, external id or referral code).');
    const period = c.req.query('timePeriod') || 'All';
    if (!(TIME_PERIODS as readonly string[]).includes(period)) throw new SandboxError(400, `timePeriod must be one of ${TIME_PERIODS.join(', ')}.`);
    const member = findMemberByQuery(state, query);
    if (!member) throw new SandboxError(404, 'Member not found.');
    return c.json(computeMemberStats(state, member, period as TimePeriod, ctx.now()));
  });
  return app;
}

/** Every link of a member. The two embed links are pre-authenticated and expire after `expireInMinutes`. */
function accessUrls(ctx: SandboxContext, base: string, member: Member, expireInMinutes: number): MemberAccessUrls {
  const code = encodeURIComponent(member.referralCode);
  const channel = (name: string) => `${base}/s/${code}/${name}`;
  const nowMs = ctx.now().getTime();
  // Oldest first (insertion order): drop expired links from the front, and the oldest past the cap.
  for (const [token, link] of ctx.embedLinks) {
    if (link.expiresAt > nowMs && ctx.embedLinks.size < MAX_EMBED_LINKS) break;
    ctx.embedLinks.delete(token);
  }
  const embed = (kind: 'share' | 'portal') => {
    const token = ctx.newId();
    ctx.embedLinks.set(token, { memberId: member.id, kind, expiresAt: nowMs + expireInMinutes * 60_000 });
    return `${base}/embed/${token}`;
  };
  return {
    shareEmbedUrl: embed('share'),
    fullEmbedUrl: embed('portal'),
    referralCode: member.referralCode,
    shareUrl: `${base}/r/${code}`,
    smsShareUrl: channel('sms'),
    whatsAppShareUrl: channel('whatsapp'),
    facebookShareUrl: channel('facebook'),
    facebookMessengerShareUrl: channel('messenger'),
    twitterShareUrl: channel('twitter'),
    emailShareUrl: channel('email'),
    linkedInShareUrl: channel('linkedin'),
    telegramShareUrl: channel('telegram'),
    webShareUrl: channel('web'),
    portalUrl: `${base}/portal/${code}`,
  };
}
