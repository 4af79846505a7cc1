import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  MEMBER_IDENTIFIER_FIELDS,
  TIME_PERIODS,
  type Member,
  type MemberAccessUrls,
  type MemberList,
  type ProgramList,
  type RewardList,
  type TimePeriod,
  REWARD_STATUSES,
} from '../../types/api.js';
import { basicAuthorization } from '../api-key.js';
import { sandboxFaults } from './faults.js';
import { createSeedState } from './seed.js';
import { computeMemberStats, findMemberByQuery, recordActivity, type SandboxState } from './store.js';
import { sharePages } from './share-pages.js';

export interface SandboxOptions {
  /** Base64 `publicKey:privateKey` the sandbox accepts, like the real API's key. */
  basicAuth: string;
  /** Where the sandbox is mounted in a bigger app (`/sandbox`), so its links point back at it. */
  mountPath?: string;
  /** Starting state; a fresh seed by default. */
  state?: SandboxState;
}

/** Referral Rock's own error body. */
const fail = (c: Context, status: 400 | 401 | 404 | 405 | 413, message: string) => c.json({ message }, status);

const IDENTIFIER_LIMITS: Record<(typeof MEMBER_IDENTIFIER_FIELDS)[number], number> = {
  memberId: 36,
  referralCode: 50,
  emailAddress: 100,
  externalId: 100,
};

/**
 * The sandbox: a local stand-in of the Referral Rock API with the documented paths and fields.
 *
 * @example app.route('/sandbox', createSandbox({ basicAuth, mountPath: '/sandbox' }))
 */
export function createSandbox(options: SandboxOptions) {
  const state = options.state ?? createSeedState();
  const mountPath = options.mountPath ?? '';
  const expectedAuthorization = basicAuthorization(options.basicAuth);
  const linkBase = (c: Context): string => `${new URL(c.req.url).origin}${mountPath}`;
  const withReferralUrl = (c: Context, m: Member): Member => ({ ...m, referralUrl: `${linkBase(c)}/r/${m.referralCode}` });

  const app = new Hono();
  app.onError((_err, c) => c.json({ message: 'An error has occurred.' }, 500));
  app.notFound((c) => fail(c, 404, `No HTTP resource was found that matches the request URI '${c.req.path}'.`));

  app.use(sandboxFaults(options)); // latency, errors, 429, hangs, bad JSON on api/* (faults.ts)

  // Public share pages: what a friend sees after following a member's link. No key needed.
  app.route('/', sharePages(state, linkBase));

  app.use('/api/*', async function requireApiKey(c, next) {
    if (c.req.header('authorization') !== expectedAuthorization) {
      return fail(c, 401, 'Authorization has been denied for this request.');
    }
    await next();
  });
  app.use('/api/*', bodyLimit({ maxSize: 64 * 1024, onError: (c) => fail(c, 413, 'The request body is too large.') }));

  app.post('/api/memberaccessurls', async (c) => {
    const body = await c.req.json().catch(() => undefined);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return fail(c, 400, 'The request body must be a MemberAccessUrlsQuery JSON object.');
    }
    const given = MEMBER_IDENTIFIER_FIELDS.filter((f) => body[f] !== undefined && body[f] !== null && body[f] !== '');
    if (given.length !== 1) {
      return fail(c, 400, 'Exactly one search parameter is required: memberId, referralCode, emailAddress or externalId.');
    }
    const field = given[0]!;
    const value = body[field];
    if (typeof value !== 'string' || value.length > IDENTIFIER_LIMITS[field]) {
      return fail(c, 400, `${field} must be a string of at most ${IDENTIFIER_LIMITS[field]} characters.`);
    }
    const expire = body.expireInMinutes ?? 20;
    if (!Number.isInteger(expire) || expire < 5 || expire > 43200) {
      return fail(c, 400, 'expireInMinutes must be an integer from 5 to 43200.');
    }
    const member = state.members.find((m) =>
      field === 'memberId' ? m.id.toLowerCase() === value.toLowerCase()
      : field === 'referralCode' ? m.referralCode.toLowerCase() === value.toLowerCase()
      : field === 'emailAddress' ? m.email.toLowerCase() === value.toLowerCase()
      : m.externalIdentifier === value,
    );
    if (!member) return fail(c, 404, 'Member not found.');
    return c.json(accessUrls(linkBase(c), member));
  });

  app.get('/api/memberstats/getsingle', (c) => {
    const query = c.req.query('query');
    if (!query) return fail(c, 400, 'The query parameter is required (email, member id, external id or referral code).');
    const period = c.req.query('timePeriod') ?? 'All';
    if (!(TIME_PERIODS as readonly string[]).includes(period)) {
      return fail(c, 400, `timePeriod must be one of ${TIME_PERIODS.join(', ')}.`);
    }
    const member = findMemberByQuery(state, query);
    if (!member) return fail(c, 404, 'Member not found.');
    return c.json(computeMemberStats(state, member, period as TimePeriod));
  });

  app.get('/api/members', (c) => {
    const paging = readPaging(c);
    if ('error' in paging) return fail(c, 400, paging.error);
    const { programId, query } = c.req.query();
    const showDisabled = c.req.query('showDisabled') === 'true';
    const matching = state.members.filter(
      (m) =>
        (!programId || m.programId === programId) &&
        (showDisabled || !m.disabledFlag) &&
        (!query || [m.email, m.displayName, m.referralCode, m.externalIdentifier ?? '', m.id].some((v) => v.toLowerCase().includes(query.toLowerCase()))),
    );
    const body: MemberList = {
      members: matching.slice(paging.offset, paging.offset + paging.count).map((m) => withReferralUrl(c, m)),
      offset: paging.offset,
      total: matching.length,
      message: null,
    };
    return c.json(body);
  });

  app.get('/api/rewards', (c) => {
    const paging = readPaging(c);
    if ('error' in paging) return fail(c, 400, paging.error);
    const { programId, memberId, query, status } = c.req.query();
    if (status && !(REWARD_STATUSES as readonly string[]).includes(status)) {
      return fail(c, 400, `status must be one of ${REWARD_STATUSES.join(', ')}.`);
    }
    const q = query?.toLowerCase();
    const matching = state.rewards
      .filter(
        (r) =>
          (!programId || r.programId === programId) &&
          (!memberId || r.memberId.toLowerCase() === memberId.toLowerCase()) &&
          (!status || r.status === status) &&
          (!q || [r.recipientEmailAddress, r.recipientName, r.recipientExternalIdentifier ?? '', r.id].some((v) => v.toLowerCase().includes(q))),
      )
      .sort((a, b) => b.createDate.localeCompare(a.createDate));
    const body: RewardList = {
      rewards: matching.slice(paging.offset, paging.offset + paging.count),
      offset: paging.offset,
      total: matching.length,
      message: null,
    };
    return c.json(body);
  });

  app.get('/api/programs', (c) => {
    const paging = readPaging(c);
    if ('error' in paging) return fail(c, 400, paging.error);
    const body: ProgramList = {
      programs: state.programs.slice(paging.offset, paging.offset + paging.count),
      offset: paging.offset,
      total: state.programs.length,
      message: null,
    };
    return c.json(body);
  });

  // Referral Rock answers a known path with the wrong method with 405, an unknown one with 404.
  const knownPaths = new Set(app.routes.filter((r) => r.path.startsWith('/api/') && !r.path.includes('*')).map((r) => r.path));
  app.all('/api/*', (c) => {
    const path = c.req.path.slice(mountPath.length);
    if (!knownPaths.has(path)) return fail(c, 404, `No HTTP resource was found that matches the request URI '${c.req.path}'.`);
    return fail(c, 405, `The requested resource does not support http method '${c.req.method}'.`);
  });

  return Object.assign(app, { state });
}

function accessUrls(base: string, member: Member): MemberAccessUrls {
  const code = encodeURIComponent(member.referralCode);
  const channel = (name: string) => `${base}/s/${code}/${name}`;
  return {
    shareEmbedUrl: `${base}/embed/${code}/share`,
    fullEmbedUrl: `${base}/embed/${code}/portal`,
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
    portalUrl: `${base}/embed/${code}/portal`,
  };
}

function readPaging(c: Context): { offset: number; count: number } | { error: string } {
  const offset = c.req.query('offset') ?? '0';
  const count = c.req.query('count') ?? '10';
  if (!/^\d+$/.test(offset)) return { error: 'offset must be a whole number.' };
  if (!/^\d+$/.test(count) || Number(count) < 1 || Number(count) > 1000) return { error: 'count must be from 1 to 1000.' };
  return { offset: Number(offset), count: Number(count) };
}

export type SandboxApp = ReturnType<typeof createSandbox>;
