/**
 * `npm run token -- --email ada@example.com`: prints a member token signed with
 * MEMBER_TOKEN_SECRET, for trying the backend with curl or the widget by hand. Without it, signs
 * for the sandbox `npm start` runs here (its `.sandbox-token-secret`): a token that sandbox accepts
 * and no live server does.
 */
import { parseArgs } from 'node:util';
import { parseSecrets } from '../config.js';
import type { MemberIdentity } from '../security/member-token.js';
import { signMemberToken } from '../security/member-token.js';
import { readSandboxTokenSecret, SANDBOX_TOKEN_FILE } from './sandbox-token-file.js';

const usage = `Usage: npm run token -- (--email E | --member-id ID | --external-id ID | --referral-code CODE) [--name NAME] [--expires-in SECONDS]
Signs with MEMBER_TOKEN_SECRET (the same secret the server runs with; of several, the first, with its kid),
or, when it is unset, for the sandbox \`npm start\` runs in this folder (${SANDBOX_TOKEN_FILE}).`;

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

let values: Record<string, string | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      email: { type: 'string' },
      'member-id': { type: 'string' },
      'external-id': { type: 'string' },
      'referral-code': { type: 'string' },
      name: { type: 'string' },
      'expires-in': { type: 'string' },
    },
  }) as { values: Record<string, string | undefined> });
} catch (err) {
  fail((err as Error).message);
}

const identities: Array<[string | undefined, (v: string) => MemberIdentity]> = [
  [values.email, (v) => ({ email: v })],
  [values['member-id'], (v) => ({ memberId: v })],
  [values['external-id'], (v) => ({ externalId: v })],
  [values['referral-code'], (v) => ({ referralCode: v })],
];
const given = identities.filter(([v]) => v !== undefined && v !== '');
if (given.length !== 1) fail('Name exactly one member.');
const configured = process.env.MEMBER_TOKEN_SECRET;
const sandboxSecret = configured === undefined ? await readSandboxTokenSecret() : undefined;
const signing = sandboxSecret !== undefined ? { secret: sandboxSecret, kid: undefined } : parseSecrets(configured ?? '')[0];
if (!signing) {
  fail(configured === undefined
    ? `MEMBER_TOKEN_SECRET is not set, and no sandbox runs here (\`npm start\` writes ${SANDBOX_TOKEN_FILE} while it runs).`
    : 'MEMBER_TOKEN_SECRET is empty.');
}
const expiresIn = Number(values['expires-in'] ?? 600);
if (!Number.isInteger(expiresIn) || expiresIn < 1) fail('--expires-in must be a positive whole number of seconds.');

const [value, toIdentity] = given[0] as [string, (v: string) => MemberIdentity];
console.log(await signMemberToken(toIdentity(value), signing.secret, { expiresIn, name: values.name, kid: signing.kid }));
