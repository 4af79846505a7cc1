/** What the doctor found, and how it is printed: one line per check, or the same as JSON. */

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

/** The checks, in the order they run and print. */
export const CHECK_IDS = ['configuration', 'key', 'programs', 'rewardRules', 'member', 'links', 'stats', 'friends', 'rewards', 'unsubscribes', 'webhooks'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** The name each check is printed under. */
const TITLES: Record<CheckId, string> = {
  configuration: 'configuration',
  key: 'API key',
  programs: 'programs',
  rewardRules: 'reward rules',
  member: 'member lookup',
  links: 'share links',
  stats: 'stats',
  friends: 'friends list',
  rewards: 'rewards list',
  unsubscribes: 'unsubscribe list',
  webhooks: 'webhooks',
};

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  /** What was found, in one sentence. Never the key, and no member data the command was not given. */
  summary: string;
  /** When not ok: what it means for the members who load the widget. */
  forMembers?: string;
  /** Further lines (a program and its offer each; a configuration mistake each). */
  details?: string[];
}

export interface DoctorReport {
  /** `live` (Referral Rock), `sandbox` (the built-in sandbox), or null when the configuration is refused. */
  mode: 'live' | 'sandbox' | null;
  /** The upstream checked: its origin and path, never credentials. */
  upstream: string | null;
  checks: CheckResult[];
}

/** 0 when the widget will work; 1 when something it depends on is broken. (2, a usage error, is the command's.) */
export const exitCodeOf = (report: DoctorReport): 0 | 1 => (report.checks.some((check) => check.status === 'fail') ? 1 : 0);

const MARKS: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip' };
const TITLE_WIDTH = Math.max(...Object.values(TITLES).map((title) => title.length));

/**
 * The report for a person: a heading, one line per check (details and what a failure means for
 * members indented under it), and the verdict.
 *
 * @example console.log(reportText(await runDoctor({ env: process.env })).join('\n'))
 */
export function reportText(report: DoctorReport): string[] {
  const lines = [`referral-share doctor: ${report.mode === null ? 'configuration refused' : `${report.mode} mode, ${report.upstream}`}`];
  for (const check of report.checks) {
    lines.push(`  ${MARKS[check.status]}  ${TITLES[check.id].padEnd(TITLE_WIDTH)}  ${check.summary}`);
    for (const detail of check.details ?? []) lines.push(`        ${' '.repeat(TITLE_WIDTH)}  · ${detail}`);
    if (check.forMembers && check.status !== 'ok') lines.push(`        ${' '.repeat(TITLE_WIDTH)}  For members: ${check.forMembers}`);
  }
  const failed = report.checks.filter((check) => check.status === 'fail').length;
  const warned = report.checks.filter((check) => check.status === 'warn').length;
  lines.push(
    failed > 0
      ? `${failed} ${failed === 1 ? 'check' : 'checks'} failed: the widget will not work as it should.`
      : `The widget will work${warned > 0 ? ` (${warned} ${warned === 1 ? 'warning' : 'warnings'})` : ''}.`,
  );
  return lines;
}

/** The same report as JSON: `{ ok, mode, upstream, checks }`. */
export const reportJson = (report: DoctorReport): string => JSON.stringify({ ok: exitCodeOf(report) === 0, ...report }, null, 2);
