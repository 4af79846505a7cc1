import { Hono, type Context } from 'hono';
import { REFERRAL_STATUSES } from '../../shared/referralrock.js';
import type { NewReferralResult, Referral, ReferralChanges, ReferralList, ReferralQuery, ReferralResult } from '../../types/referralrock.js';
import { sameIgnoringCase } from '../lib/ignoring-case.js';
import type { SandboxContext } from './context.js';
import { byDateAsc, byDateDesc, byText, echo, eachItem, matchesQuery, page, readCollection, readDateRange, readObject, readPaging, readSort, readStatusFilter, success } from './http.js';
import { resolveReferralQuery } from './query-rules.js';
import { applyStatus, parseReferralStatus, statusChangeRefusal } from './referral-status.js';
import { refuse, isObject, optionalEmail, optionalNumber, optionalObject, optionalString, requiredString, SandboxError, type JsonObject } from './validation.js';

const REFERRAL_ORDERS: Record<string, (a: Referral, b: Referral) => number> = {
  Create_Dt_Desc: byDateDesc((r) => r.createDate),
  Create_Dt_Asc: byDateAsc((r) => r.createDate),
  Name_Asc: byText((r) => r.displayName),
  Name_Desc: byText((r) => r.displayName, -1),
};


/** The referral endpoints: list, single, create, update (and its deprecated status alias), remove. */
export function referralRoutes(ctx: SandboxContext) {
  const app = new Hono();
  const { state } = ctx;

  app.get('/referrals', (c) => {
    const paging = readPaging(c);
    const inRange = readDateRange(c);
    const order = readSort(c, REFERRAL_ORDERS);
    const status = readStatusFilter(c, REFERRAL_STATUSES);
    const { programId, memberId, query } = c.req.query();
    const matching = state.referrals
      .filter(
        (r) =>
          (!programId || sameIgnoringCase(r.programId, programId)) &&
          (!memberId || sameIgnoringCase(r.referringMemberId, memberId)) &&
          (!status || r.status === status) &&
          inRange(r.createDate) &&
          matchesQuery(query, [r.email, r.displayName, r.externalIdentifier, r.id, r.memberReferralCode, r.phoneNumber]),
      )
      .sort(order);
    return c.json<ReferralList>(page('referrals', matching, paging));
  });

  app.get('/referral/single', (c) => {
    const { email, referralId, externalId } = c.req.query();
    if (!email && !referralId && !externalId) throw new SandboxError(400, 'At least one of email, referralId or externalId is required.');
    const matching = state.referrals.filter(
      (r) => (!email || sameIgnoringCase(r.email, email)) && (!referralId || sameIgnoringCase(r.id, referralId)) && (!externalId || sameIgnoringCase(r.externalIdentifier, externalId)),
    );
    if (matching.length === 0) throw new SandboxError(404, 'Referral not found.');
    if (matching.length > 1) throw new SandboxError(400, `${matching.length} referrals match; add referralId to pick one.`);
    return c.json<Referral>(matching[0]!);
  });

  app.post('/referrals', async (c) => {
    const body = await readObject(c, 'NewReferral');
    const code = requiredString(body, 'referralCode', 50);
    const firstName = optionalString(body, 'firstName', 50);
    const lastName = optionalString(body, 'lastName', 50);
    const email = optionalEmail(body, 'email');
    const phone = optionalString(body, 'phoneNumber', 30);
    const externalIdentifier = optionalString(body, 'externalIdentifier', 100);
    const amount = optionalNumber(body, 'amount', 0, 1_000_000_000);
    const companyName = optionalString(body, 'companyName', 100);
    const note = optionalString(body, 'note', 1000);
    const publicNote = optionalString(body, 'publicNote', 1000);
    const status = optionalString(body, 'status', 20);
    // The help pages: on create, status is lowercase, and every referral starts pending.
    if (status !== undefined && status !== 'pending') {
      refuse(status.toLowerCase() === 'pending' ? 'status is lowercase on create: send "pending".' : 'Every referral starts pending; status may only be "pending" on create.');
    }
    if (!firstName && !email) refuse('A referral needs at least a firstName or an email.');
    const member = state.members.find((m) => sameIgnoringCase(m.referralCode, code));
    if (!member || member.disabledFlag) throw new SandboxError(404, `No active member has the referral code ${code}.`);
    if (email && email === member.email) refuse('A member cannot refer themselves.');
    if (email && state.referrals.some((r) => r.programId === member.programId && r.email === email)) refuse('This email has already been referred in the program.');

    const at = ctx.now().toISOString();
    const referral: Referral = {
      id: ctx.newId(),
      displayName: [firstName, lastName].filter(Boolean).join(' ') || email!,
      firstName: firstName ?? '',
      lastName: lastName ?? '',
      email: email ?? null,
      phoneNumber: phone ?? null,
      externalIdentifier: externalIdentifier ?? null,
      companyName: companyName ?? null,
      amount: amount ?? null,
      note: note ?? null,
      publicNote: publicNote ?? null,
      status: 'Pending',
      programId: member.programId,
      programName: member.programName,
      programTitle: member.programTitle,
      referringMemberId: member.id,
      referringMemberName: member.displayName,
      memberEmail: member.email,
      memberReferralCode: member.referralCode,
      createDate: at,
      updateDate: at,
      qualifiedDate: null,
      approvedDate: null,
    };
    state.referrals.push(referral);
    ctx.changed(referral.referringMemberId);
    ctx.emit('ReferralAdd', referral);
    // As public client code reads it: the referral inside `{ message, referral }`.
    return c.json<NewReferralResult>({ message: 'Referral added.', referral });
  });

  const update = async (c: Context) => {
    const items = await readCollection(c, 'ReferralUpdateInfo');
    return c.json(
      eachItem<ReferralResult>(
        items,
        (item) => {
          const { query, referral } = queryOf(item);
          const changes = optionalObject(item as JsonObject, 'referral') ?? refuse('referral (the fields to change) is required.');
          const next = readChanges(changes, referral);
          const statusChanged = next.status !== undefined && next.status !== referral.status;
          const at = ctx.now().toISOString();
          const { status, ...fields } = next;
          Object.assign(referral, fields, { updateDate: at });
          if (status && statusChanged) applyStatus(referral, status, at);
          if (fields.firstName !== undefined || fields.lastName !== undefined) {
            referral.displayName = [referral.firstName, referral.lastName].filter(Boolean).join(' ') || referral.email || referral.displayName;
          }
          ctx.changed(referral.referringMemberId);
          ctx.emit('ReferralUpdate', referral);
          if (statusChanged) ctx.emit('ReferralStatusChange', referral);
          return { query, referral, resultInfo: success('Referral updated.') };
        },
        (item, resultInfo) => ({ query: echo<ReferralQuery>(item, 'query'), referral: null, resultInfo }),
      ),
    );
  };
  app.post('/referral/update', update);
  // "Going to be deprecated": same body and behaviour as POST api/referral/update.
  app.post('/referrals/status', update);

  const remove = async (c: Context) => {
    const items = await readCollection(c, 'ReferralRemoveInfo');
    return c.json(
      eachItem<ReferralResult>(
        items,
        (item) => {
          const { query, referral } = queryOf(item);
          state.referrals.splice(state.referrals.indexOf(referral), 1);
          ctx.changed(referral.referringMemberId);
          ctx.emit('ReferralDelete', referral);
          return { query, referral, resultInfo: success('Referral removed.') };
        },
        (item, resultInfo) => ({ query: echo<ReferralQuery>(item, 'query'), referral: null, resultInfo }),
      ),
    );
  };
  app.post('/referral/remove', remove);
  app.delete('/referral/remove', remove);

  function queryOf(item: unknown): { query: ReferralQuery; referral: Referral } {
    if (!isObject(item)) refuse('Each item must be an object with a query.');
    const query = (item as JsonObject).query;
    if (query === undefined || query === null) refuse('query (a ReferralQuery) is required.');
    return { query: query as ReferralQuery, referral: resolveReferralQuery(state, query, 'query') };
  }

  /** Validates every change, the status rules included, before any is applied. */
  function readChanges(changes: JsonObject, referral: Referral): ReferralChanges {
    const next: ReferralChanges = {};
    const strings = { firstName: 50, lastName: 50, phoneNumber: 30, externalIdentifier: 100, companyName: 100, note: 1000, publicNote: 1000 } as const;
    for (const [field, max] of Object.entries(strings) as Array<[keyof typeof strings, number]>) {
      const value = optionalString(changes, field, max, `referral.${field}`);
      if (value !== undefined) next[field] = value;
    }
    // `phone`, the name this sandbox used before public client code showed `phoneNumber`.
    const phone = optionalString(changes, 'phone', 30, 'referral.phone');
    if (phone !== undefined) next.phoneNumber ??= phone;
    const email = optionalEmail(changes, 'email', 'referral.email');
    if (email !== undefined) next.email = email;
    const amount = optionalNumber(changes, 'amount', 0, 1_000_000_000, 'referral.amount');
    if (amount !== undefined) next.amount = amount;
    const rawStatus = optionalString(changes, 'status', 20, 'referral.status');
    if (rawStatus !== undefined) {
      const status = parseReferralStatus(rawStatus) ?? refuse(`referral.status must be one of ${REFERRAL_STATUSES.join(', ')}.`);
      const refusal = statusChangeRefusal(referral.status, status);
      if (refusal) refuse(refusal);
      next.status = status;
    }
    if (Object.keys(next).length === 0) refuse('referral names no field to change.');
    return next;
  }
  return app;
}
