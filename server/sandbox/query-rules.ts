/**
 * The query rule of api-index.txt, shared by every endpoint that acts on one member or referral:
 * a query needs a `primaryInfo` value, or a `secondaryInfo` value together with a `tertiaryInfo`
 * value; the item is acted on only when exactly one matches. Every value given must match.
 */
import type { Member, Program, Referral } from '../../types/referralrock.js';
import { sameIgnoringCase as same } from '../lib/ignoring-case.js';
import type { SandboxState } from './store.js';
import { isObject, optionalObject, optionalString, SandboxError, type JsonObject } from './validation.js';

type Criterion<T> = [label: string, value: string, matches: (item: T, value: string) => boolean];

/** Reads `field` from `part`, also accepting the other casing of its first letter (the documents mix both). */
function read(part: JsonObject | undefined, field: string, max: number, label: string): string | undefined {
  if (!part) return undefined;
  const other = field[0] === field[0]!.toUpperCase() ? field[0]!.toLowerCase() + field.slice(1) : field[0]!.toUpperCase() + field.slice(1);
  return optionalString(part, field in part ? field : other, max, label);
}

function programMatches(program: Program | undefined, tertiary: { id?: string; name?: string; title?: string }): boolean {
  if (!program) return false;
  return (!tertiary.id || same(program.id, tertiary.id)) && (!tertiary.name || same(program.name, tertiary.name)) && (!tertiary.title || same(program.title, tertiary.title));
}

/**
 * The `tertiaryInfo` criterion: the item's program has every one of programId, programName and
 * programTitle given (`prefix`: the casing each query's document spells them with); none if none.
 */
function programCriterion<T>(tertiaryInfo: JsonObject | undefined, prefix: 'program' | 'Program', queryName: string, programOf: (item: T) => Program | undefined): Criterion<T>[] {
  const field = (name: 'Id' | 'Name' | 'Title', max: number) => read(tertiaryInfo, `${prefix}${name}`, max, `${queryName}.tertiaryInfo.${prefix}${name}`);
  const wanted = { id: field('Id', 36), name: field('Name', 100), title: field('Title', 100) };
  const shown = wanted.id || wanted.name || wanted.title;
  return shown ? [['program', shown, (item) => programMatches(programOf(item), wanted)]] : [];
}

function resolve<T>(items: T[], what: string, queryName: string, primary: Criterion<T>[], secondary: Criterion<T>[], tertiary: Criterion<T>[]): T {
  const criteria = primary.length > 0 ? primary : secondary.length > 0 && tertiary.length > 0 ? [...secondary, ...tertiary] : null;
  if (!criteria) {
    throw new SandboxError(400, `${queryName} needs a value in primaryInfo, or values in both secondaryInfo and tertiaryInfo.`);
  }
  const matching = items.filter((item) => criteria.every(([, value, matches]) => matches(item, value)));
  if (matching.length === 0) throw new SandboxError(404, `No ${what} matches ${queryName} (${criteria.map(([label, value]) => `${label} "${value}"`).join(', ')}).`);
  if (matching.length > 1) throw new SandboxError(400, `${matching.length} ${what}s match ${queryName}; a ${what} is acted on only when exactly one matches.`);
  return matching[0]!;
}

/** The one member a `MemberQuery` names, or a {@link SandboxError} (400 malformed or ambiguous, 404 none). */
export function resolveMemberQuery(state: SandboxState, query: unknown, queryName = 'memberQuery'): Member {
  if (!isObject(query)) throw new SandboxError(400, `${queryName} must be a MemberQuery object.`);
  const primaryInfo = optionalObject(query, 'primaryInfo', `${queryName}.primaryInfo`);
  const secondaryInfo = optionalObject(query, 'secondaryInfo', `${queryName}.secondaryInfo`);
  const tertiaryInfo = optionalObject(query, 'tertiaryInfo', `${queryName}.tertiaryInfo`);

  const primary: Criterion<Member>[] = [];
  const memberId = read(primaryInfo, 'memberId', 36, `${queryName}.primaryInfo.memberId`);
  const referralCode = read(primaryInfo, 'referralCode', 50, `${queryName}.primaryInfo.referralCode`);
  if (memberId) primary.push(['memberId', memberId, (m, v) => same(m.id, v)]);
  if (referralCode) primary.push(['referralCode', referralCode, (m, v) => same(m.referralCode, v)]);

  const secondary: Criterion<Member>[] = [];
  const externalIdentifier = read(secondaryInfo, 'externalIdentifier', 100, `${queryName}.secondaryInfo.externalIdentifier`);
  const email = read(secondaryInfo, 'email', 100, `${queryName}.secondaryInfo.email`);
  if (externalIdentifier) secondary.push(['externalIdentifier', externalIdentifier, (m, v) => same(m.externalIdentifier, v)]);
  if (email) secondary.push(['email', email, (m, v) => same(m.email, v)]);

  const tertiary = programCriterion(tertiaryInfo, 'program', queryName, (m: Member) => state.programs.find((p) => p.id === m.programId));
  return resolve(state.members, 'member', queryName, primary, secondary, tertiary);
}

/** The one referral a `ReferralQuery` names, like {@link resolveMemberQuery}. */
export function resolveReferralQuery(state: SandboxState, query: unknown, queryName = 'referralQuery'): Referral {
  if (!isObject(query)) throw new SandboxError(400, `${queryName} must be a ReferralQuery object.`);
  const primaryInfo = optionalObject(query, 'primaryInfo', `${queryName}.primaryInfo`);
  const secondaryInfo = optionalObject(query, 'secondaryInfo', `${queryName}.secondaryInfo`);
  const tertiaryInfo = optionalObject(query, 'tertiaryInfo', `${queryName}.tertiaryInfo`);
  optionalObject(query, 'fuzzyInfo', `${queryName}.fuzzyInfo`);

  const primary: Criterion<Referral>[] = [];
  const referralId = read(primaryInfo, 'referralId', 36, `${queryName}.primaryInfo.referralId`);
  if (referralId) primary.push(['referralId', referralId, (r, v) => same(r.id, v)]);

  const secondary: Criterion<Referral>[] = [];
  const externalIdentifier = read(secondaryInfo, 'externalIdentifier', 100, `${queryName}.secondaryInfo.externalIdentifier`);
  const email = read(secondaryInfo, 'email', 100, `${queryName}.secondaryInfo.email`);
  const phoneNumber = read(secondaryInfo, 'phoneNumber', 30, `${queryName}.secondaryInfo.phoneNumber`);
  if (externalIdentifier) secondary.push(['externalIdentifier', externalIdentifier, (r, v) => same(r.externalIdentifier, v)]);
  if (email) secondary.push(['email', email, (r, v) => same(r.email, v)]);
  if (phoneNumber) secondary.push(['phoneNumber', phoneNumber, (r, v) => same(r.phoneNumber, v)]);

  const tertiary = programCriterion(tertiaryInfo, 'Program', queryName, (r: Referral) => state.programs.find((p) => p.id === r.programId));
  return resolve(state.referrals, 'referral', queryName, primary, secondary, tertiary);
}
