import { Hono, type Context } from 'hono';
import type { UnsubscribedEmail, UnsubscribedList } from '../../types/referralrock.js';
import { sameIgnoringCase } from '../lib/ignoring-case.js';
import type { SandboxContext } from './context.js';
import { page, readPaging } from './http.js';
import { isObject, optionalEmail, SandboxError } from './validation.js';

/**
 * The e-mail unsubscribe list: `POST api/email/unsubscribe`, `POST`/`DELETE
 * api/email/removeunsubscribe` (each takes the address as a bare JSON string, as public client code
 * sends it, or `{ "email" }`), and `GET api/email/getunsubscribed` (every address, or `?email=` for
 * one). An unsubscribe fires `EmailUnsubscribed`.
 */
export function emailUnsubscribeRoutes(ctx: SandboxContext) {
  const app = new Hono();
  const { state } = ctx;

  app.get('/email/getunsubscribed', (c) => {
    const paging = readPaging(c);
    const email = c.req.query('email');
    const matching = state.unsubscribed.filter((entry) => !email || sameIgnoringCase(entry.email, email.trim()));
    return c.json<UnsubscribedList>(page('unsubscribed', matching, paging));
  });

  app.post('/email/unsubscribe', async (c) => {
    const email = await readAddress(c);
    if (!state.unsubscribed.some((entry) => sameIgnoringCase(entry.email, email))) {
      const entry: UnsubscribedEmail = { email, unsubscribeDate: ctx.now().toISOString() };
      state.unsubscribed.push(entry);
      ctx.emit('EmailUnsubscribed', entry);
    }
    return c.json({ message: 'Email unsubscribed.' });
  });

  const remove = async (c: Context) => {
    const email = await readAddress(c);
    const index = state.unsubscribed.findIndex((entry) => sameIgnoringCase(entry.email, email));
    if (index === -1) throw new SandboxError(404, 'That email is not on the unsubscribe list.');
    state.unsubscribed.splice(index, 1);
    return c.json({ message: 'Email removed from the unsubscribe list.' });
  };
  app.post('/email/removeunsubscribe', remove);
  app.delete('/email/removeunsubscribe', remove);
  return app;
}

/** The address a body names: a bare JSON string, or `{ "email": "…" }`. */
async function readAddress(c: Context): Promise<string> {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new SandboxError(400, 'Send the email address as a JSON string, like "sam@example.net".');
  }
  const fields = typeof body === 'string' ? { email: body } : isObject(body) ? body : {};
  const email = optionalEmail(fields, 'email');
  if (email === undefined) throw new SandboxError(400, 'An email address is required.');
  return email;
}
