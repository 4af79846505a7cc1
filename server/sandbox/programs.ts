import { Hono, type Context } from 'hono';
import type { Program, ProgramList, RewardRule } from '../../types/referralrock.js';
import { sameIgnoringCase } from '../lib/ignoring-case.js';
import type { SandboxContext } from './context.js';
import { page, readPaging } from './http.js';
import { SandboxError } from './validation.js';

/** `GET api/programs`, `GET api/program/getsingle`, `GET api/rewardrules`. */
export function programRoutes(ctx: SandboxContext) {
  const app = new Hono();
  const { state } = ctx;

  /** A program as the API shows it: its pages at the sandbox's address. */
  const present = (c: Context, program: Program): Program => {
    const landing = `${ctx.linkBase(c)}/p/${encodeURIComponent(program.name)}`;
    return { ...program, directUrl: program.directUrl ?? landing, widgetUrl: program.widgetUrl ?? `${landing}/widget` };
  };

  app.get('/programs', (c) => {
    const listed = page('programs', state.programs, readPaging(c));
    return c.json<ProgramList>({ ...listed, programs: listed.programs.map((p) => present(c, p)) });
  });

  app.get('/program/getsingle', (c) => {
    const name = (c.req.query('name') ?? c.req.query('programName') ?? '').trim();
    if (!name) throw new SandboxError(400, 'The name parameter is required (the program’s name or title).');
    const program = state.programs.find((p) => sameIgnoringCase(p.name, name) || sameIgnoringCase(p.title, name));
    if (!program) throw new SandboxError(404, `No program is named "${name}".`);
    return c.json<Program>(present(c, program));
  });

  // A bare array, as public client code reads it (no paging envelope).
  app.get('/rewardrules', (c) => {
    const programId = c.req.query('programId');
    return c.json<RewardRule[]>(state.rewardRules.filter((r) => !programId || sameIgnoringCase(r.programId, programId)));
  });
  return app;
}

/** The program a create request names by `programId`, `programName` or `programTitle`; the only one when none is named. */
export function resolveProgram(ctx: SandboxContext, ref: { programId?: string; programName?: string; programTitle?: string }): Program {
  const { programs } = ctx.state;
  if (!ref.programId && !ref.programName && !ref.programTitle) {
    if (programs.length === 1) return programs[0]!;
    throw new SandboxError(400, 'Name the program with programId, programName or programTitle.');
  }
  const same = (a: string, b: string | undefined) => !b || sameIgnoringCase(a, b);
  const program = programs.find((p) => same(p.id, ref.programId) && same(p.name, ref.programName) && same(p.title, ref.programTitle));
  if (!program) throw new SandboxError(404, 'No program matches programId / programName / programTitle.');
  return program;
}
