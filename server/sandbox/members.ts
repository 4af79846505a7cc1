import { Hono, type Context } from 'hono';
import type { Member, MemberList, MemberQuery, MemberResult } from '../../types/referralrock.js';
import { sameIgnoringCase } from '../lib/ignoring-case.js';
import type { SandboxContext } from './context.js';
import { byDateAsc, byDateDesc, byText, echo, eachItem, matchesQuery, page, readCollection, readDateRange, readObject, readPaging, readSort, success } from './http.js';
import { resolveProgram } from './programs.js';
import { resolveMemberQuery } from './query-rules.js';
import { presentMember } from './store.js';
import { refuse, isObject, optionalBoolean, optionalEmail, optionalObject, optionalString, requiredString, type JsonObject } from './validation.js';

const MEMBER_ORDERS: Record<string, (a: Member, b: Member) => number> = {
  Create_Dt_Desc: byDateDesc((m) => m.createDt ?? ''),
  Create_Dt_Asc: byDateAsc((m) => m.createDt ?? ''),
  Name_Asc: byText((m) => m.displayName),
  Name_Desc: byText((m) => m.displayName, -1),
  Email_Asc: byText((m) => m.email),
  Email_Desc: byText((m) => m.email, -1),
};

const REFERRAL_CODE = /^[A-Za-z0-9_-]{3,50}$/;

/** `GET`/`POST api/members`, `POST api/members/update`, `POST`/`DELETE api/members/remove`. */
export function memberRoutes(ctx: SandboxContext) {
  const app = new Hono();
  const { state } = ctx;

  app.get('/members', (c) => {
    const paging = readPaging(c);
    const inRange = readDateRange(c);
    const order = readSort(c, MEMBER_ORDERS);
    const showDisabled = readFlag(c.req.query('showDisabled'), 'showDisabled');
    const { programId, query } = c.req.query();
    const matching = state.members
      .filter(
        (m) =>
          (!programId || sameIgnoringCase(m.programId, programId)) &&
          (showDisabled || !m.disabledFlag) &&
          inRange(m.createDt ?? '') &&
          matchesQuery(query, [m.email, m.displayName, m.referralCode, m.externalIdentifier, m.id]),
      )
      .sort(order);
    const body = page('members', matching, paging);
    return c.json<MemberList>({ ...body, members: body.members.map((m) => presentMember(state, m, ctx.linkBase(c))) });
  });

  app.post('/members', async (c) => {
    const body = await readObject(c, 'NewMember');
    const program = resolveProgram(ctx, {
      programId: optionalString(body, 'programId', 36),
      programName: optionalString(body, 'programName', 100),
      programTitle: optionalString(body, 'programTitle', 100),
    });
    const firstName = requiredString(body, 'firstName', 50);
    const lastName = optionalString(body, 'lastName', 50) ?? '';
    const email = optionalEmail(body, 'email') ?? refuse('email is required.');
    const phone = optionalString(body, 'phone', 30) ?? null;
    const externalIdentifier = optionalString(body, 'externalIdentifier', 100) ?? null;
    const wantedCode = optionalString(body, 'referralCode', 50);
    if (wantedCode !== undefined && !REFERRAL_CODE.test(wantedCode)) refuse('referralCode must be 3 to 50 letters, digits, - or _.');
    if (state.members.some((m) => m.programId === program.id && m.email === email)) refuse('A member with this email already exists in the program.');
    if (wantedCode && codeTaken(wantedCode)) refuse(`The referral code ${wantedCode} is taken.`);

    const at = ctx.now().toISOString();
    const member: Member = {
      id: ctx.newId(),
      displayName: `${firstName} ${lastName}`.trim(),
      firstName,
      lastName,
      email,
      phone,
      externalIdentifier,
      disabledFlag: false,
      programId: program.id,
      programTitle: program.title,
      programName: program.name,
      referralCode: wantedCode ?? generateCode(firstName),
      referralUrl: '',
      emailShares: 0,
      socialShares: 0,
      views: 0,
      lastShare: null,
      createDt: at,
    };
    state.members.push(member);
    ctx.changed(member.id);
    const shown = presentMember(state, member, ctx.linkBase(c));
    ctx.emit('MemberAdd', shown);
    return c.json<Member>(shown);
  });

  app.post('/members/update', async (c) => {
    const items = await readCollection(c, 'MemberUpdateInfo');
    const results = eachItem<MemberResult>(
      items,
      (item) => {
        const { query, member } = queryOf(item);
        const changes = optionalObject(item as JsonObject, 'member') ?? refuse('member (the fields to change) is required.');
        const next = readChanges(changes, member);
        Object.assign(member, next);
        ctx.changed(member.id);
        const shown = presentMember(state, member, ctx.linkBase(c));
        ctx.emit('MemberUpdate', shown);
        return { query, member: shown, resultInfo: success('Member updated.') };
      },
      (item, resultInfo) => ({ query: echo<MemberQuery>(item, 'query'), member: null, resultInfo }),
    );
    return c.json(results);
  });

  const remove = async (c: Context) => {
    const items = await readCollection(c, 'MemberRemoveInfo');
    const results = eachItem<MemberResult>(
      items,
      (item) => {
        const { query, member } = queryOf(item);
        const shown = presentMember(state, member, ctx.linkBase(c));
        state.members.splice(state.members.indexOf(member), 1);
        state.activity = state.activity.filter((a) => a.memberId !== member.id);
        ctx.changed(member.id);
        ctx.emit('MemberDelete', shown);
        return { query, member: shown, resultInfo: success('Member removed.') };
      },
      (item, resultInfo) => ({ query: echo<MemberQuery>(item, 'query'), member: null, resultInfo }),
    );
    return c.json(results);
  };
  app.post('/members/remove', remove);
  app.delete('/members/remove', remove);

  function queryOf(item: unknown): { query: MemberQuery; member: Member } {
    if (!isObject(item)) refuse('Each item must be an object with a query.');
    const query = (item as JsonObject).query;
    if (query === undefined || query === null) refuse('query (a MemberQuery) is required.');
    return { query: query as MemberQuery, member: resolveMemberQuery(state, query, 'query') };
  }

  /** Validates every change before any is applied. */
  function readChanges(changes: JsonObject, member: Member): Partial<Member> {
    const next: Partial<Member> = {};
    const firstName = optionalString(changes, 'firstName', 50, 'member.firstName');
    const lastName = optionalString(changes, 'lastName', 50, 'member.lastName');
    const email = optionalEmail(changes, 'email', 'member.email');
    const phone = optionalString(changes, 'phone', 30, 'member.phone');
    const externalIdentifier = optionalString(changes, 'externalIdentifier', 100, 'member.externalIdentifier');
    const disabledFlag = optionalBoolean(changes, 'disabledFlag', 'member.disabledFlag');
    if (email && state.members.some((m) => m !== member && m.programId === member.programId && m.email === email)) {
      refuse('Another member of the program has this email.');
    }
    if (firstName !== undefined) next.firstName = firstName;
    if (lastName !== undefined) next.lastName = lastName;
    if (email !== undefined) next.email = email;
    if (phone !== undefined) next.phone = phone;
    if (externalIdentifier !== undefined) next.externalIdentifier = externalIdentifier;
    if (disabledFlag !== undefined) next.disabledFlag = disabledFlag;
    if (Object.keys(next).length === 0) refuse('member names no field to change (firstName, lastName, email, phone, externalIdentifier, disabledFlag).');
    if (firstName !== undefined || lastName !== undefined) next.displayName = `${firstName ?? member.firstName} ${lastName ?? member.lastName}`.trim();
    return next;
  }

  function codeTaken(code: string): boolean {
    return state.members.some((m) => sameIgnoringCase(m.referralCode, code));
  }

  /** A code like ADA4821: the first name's letters and four digits, unique in the sandbox. */
  function generateCode(firstName: string): string {
    const stem = (firstName.normalize('NFKD').replace(/[^A-Za-z]/g, '').toUpperCase() || 'MEMBER').slice(0, 8);
    for (let attempt = 0; attempt < 100; attempt++) {
      const code = `${stem}${String(crypto.getRandomValues(new Uint32Array(1))[0]! % 10000).padStart(4, '0')}`;
      if (!codeTaken(code)) return code;
    }
    return `${stem}${ctx.newId().replace(/-/g, '').slice(0, 12).toUpperCase()}`;
  }
  return app;
}


/** A `true`/`false` query parameter; absent is false. */
export function readFlag(raw: string | undefined, name: string): boolean {
  if (raw === undefined || raw === '') return false;
  if (/^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  return refuse(`${name} must be true or false.`);
}
