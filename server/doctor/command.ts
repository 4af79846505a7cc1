/**
 * The doctor's command line: `npm run doctor -- --email ada@example.com [--json]`, or
 * `npx referral-share doctor …` where the package is installed. Exit status 0 when the widget
 * will work, 1 when something it depends on is broken, 2 for a usage error.
 */
import { parseArgs } from 'node:util';
import type { MemberClaim } from '../../types/v1.js';
import { CLAIM_OPTIONS } from './member-checks.js';
import { exitCodeOf, reportJson, reportText } from './report.js';
import { runDoctor, type DoctorOptions } from './run.js';

export const DOCTOR_USAGE = `Usage: npm run doctor -- [--email E | --member-id ID | --external-id ID | --referral-code CODE] [--program-id ID] [--json]
       npx referral-share doctor [the same options]
Checks the Referral Rock account the server is configured for (the same environment variables)
against everything the widget needs, and says what each failure means for members.
Exit status: 0 the widget will work, 1 something it depends on is broken, 2 a usage error.`;

export interface CommandResult {
  exitCode: 0 | 1 | 2;
  /** What goes to stdout (the report) and stderr (a usage error), line by line. */
  stdout: string[];
  stderr: string[];
}

/**
 * Runs the command for `args` (without node and the script; a leading `doctor` is the package
 * bin's subcommand).
 *
 * @example const { exitCode, stdout } = await doctorCommand(['--email', 'ada@example.com'], { env: process.env })
 */
export async function doctorCommand(args: string[], options: Omit<DoctorOptions, 'member'>): Promise<CommandResult> {
  const usageError = (message: string): CommandResult => ({ exitCode: 2, stdout: [], stderr: [message, DOCTOR_USAGE] });
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        email: { type: 'string' },
        'member-id': { type: 'string' },
        'external-id': { type: 'string' },
        'referral-code': { type: 'string' },
        'program-id': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return usageError((err as Error).message);
  }
  if (values.help) return { exitCode: 0, stdout: [DOCTOR_USAGE], stderr: [] };
  const [command, ...extra] = positionals;
  if ((command !== undefined && command !== 'doctor') || extra.length > 0) {
    return usageError(`Unknown command "${positionals.join(' ')}": the one command is doctor.`);
  }

  const named = (Object.entries(CLAIM_OPTIONS) as Array<[MemberClaim, string]>)
    .map(([claim, option]) => ({ claim, value: values[option.slice(2)] }))
    .filter((given): given is { claim: MemberClaim; value: string } => typeof given.value === 'string');
  if (named.length > 1) return usageError(`Name one member: ${named.map(({ claim }) => CLAIM_OPTIONS[claim]).join(' and ')} were given.`);
  if (named.some(({ value }) => value.trim() === '')) return usageError('The member\'s identifier is empty.');
  const programId = values['program-id'];
  if (typeof programId === 'string' && named.length === 0) return usageError('--program-id goes with a member (--email, --member-id, --external-id or --referral-code).');

  const member = named[0] && { ...named[0], ...(typeof programId === 'string' && programId !== '' ? { programId } : {}) };
  const report = await runDoctor({ ...options, member });
  return { exitCode: exitCodeOf(report), stdout: values.json ? [reportJson(report)] : reportText(report), stderr: [] };
}
