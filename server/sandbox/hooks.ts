import { Hono } from 'hono';
import { HOOK_EVENTS } from '../../shared/referralrock.js';
import type { HookEvent, HookHistoryList, HookSubscriptionAnswer } from '../../types/referralrock.js';
import { sameIgnoringCase } from '../lib/ignoring-case.js';
import type { SandboxContext } from './context.js';
import { page, readObject, readPaging } from './http.js';
import { newSigningKey } from './signing-key.js';
import { requiredString, SandboxError } from './validation.js';

/**
 * Subscriptions one sandbox keeps. Each event is POSTed to every subscriber, so without a bound one
 * caller could make the sandbox send thousands of requests per change.
 */
export const MAX_HOOKS = 50;

const parseEvent = (raw: string): HookEvent => {
  const event = HOOK_EVENTS.find((e) => sameIgnoringCase(e, raw.trim()));
  if (!event) throw new SandboxError(400, `event must be one of ${HOOK_EVENTS.join(', ')}.`);
  return event;
};

/** `POST api/hooks` (its answer carries the hook's signature key), `DELETE api/hooks`, `GET api/hooks/history/{eventName}`. Delivery: hook-delivery.ts. */
export function hookRoutes(ctx: SandboxContext) {
  const app = new Hono();
  const { state } = ctx;

  app.post('/hooks', async (c) => {
    const body = await readObject(c, 'hook subscription ({ target_url, event })');
    const targetUrl = requiredString(body, 'target_url', 2000);
    const event = parseEvent(requiredString(body, 'event', 50));
    let url: URL;
    try {
      url = new URL(targetUrl);
    } catch {
      throw new SandboxError(400, 'target_url must be an absolute http(s) URL.');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SandboxError(400, 'target_url must be an absolute http(s) URL.');
    // Subscribing the same URL to the same event twice keeps one subscription (and its key).
    const existing = state.hooks.find((h) => h.target_url === targetUrl && h.event === event);
    if (existing) {
      existing.signature_key ??= newSigningKey();
      return c.json<HookSubscriptionAnswer>({ web_hook_id: existing.web_hook_id, signature_key: existing.signature_key }, 201);
    }
    if (state.hooks.length >= MAX_HOOKS) throw new SandboxError(409, `At most ${MAX_HOOKS} webhook subscriptions; remove one (DELETE api/hooks) first.`);
    // Each webhook has its own signature key, as on Referral Rock.
    const hook = { web_hook_id: ctx.newId(), target_url: targetUrl, event, signature_key: newSigningKey(), createDate: ctx.now().toISOString() };
    state.hooks.push(hook);
    ctx.changed();
    return c.json<HookSubscriptionAnswer>({ web_hook_id: hook.web_hook_id, signature_key: hook.signature_key }, 201);
  });

  app.delete('/hooks', async (c) => {
    const fromQuery = c.req.query('web_hook_id');
    const id = fromQuery ?? requiredString(await readObject(c, '{ web_hook_id }'), 'web_hook_id', 36);
    const index = state.hooks.findIndex((h) => sameIgnoringCase(h.web_hook_id, id.trim()));
    if (index < 0) throw new SandboxError(404, `No webhook has the id ${id}.`);
    state.hooks.splice(index, 1);
    ctx.changed();
    return c.json({ message: 'Unsubscribed.' });
  });

  app.get('/hooks/history/:eventName', (c) => {
    const paging = readPaging(c);
    const event = parseEvent(c.req.param('eventName'));
    const items = state.hookHistory.filter((h) => h.event === event).reverse();
    return c.json<HookHistoryList>(page('history', items, paging));
  });
  return app;
}
