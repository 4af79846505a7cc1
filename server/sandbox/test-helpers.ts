/** Shared by the sandbox's tests: a fresh sandbox and terse, typed calls to it. */
import { createSandbox, type SandboxOptions } from './app.js';

export const KEY = Buffer.from('pk:sk').toString('base64');
export const auth = { authorization: `Basic ${KEY}` };

export const ADA_ID = '0ac19b73-2dfa-41ae-b4db-78287d7be4ea';
export const GRACE_ID = '7c5a4e0f-83b5-4f7e-9d2c-5b1e3f8a6d21';
export const PROGRAM_ID = '5f0c7b2e-1c1a-4c57-9b8e-2a1f4f3d9a10';

export interface Answer<T> {
  status: number;
  body: T;
}

/** A sandbox on the default seed, with `get`/`post`/`del` that answer `{ status, body }`. */
export function testSandbox(options: Partial<SandboxOptions> = {}) {
  const app = createSandbox({ basicAuth: KEY, ...options });
  const call = async <T>(method: string, path: string, body?: unknown): Promise<Answer<T>> => {
    const init: RequestInit = { method, headers: { ...auth, 'content-type': 'application/json' } };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const res = await app.request(`http://127.0.0.1:9999${path}`, init);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Non-JSON answers (share pages) stay text.
    }
    return { status: res.status, body: parsed as T };
  };
  return {
    app,
    state: app.state,
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body?: unknown) => call<T>('POST', path, body),
    del: <T>(path: string, body?: unknown) => call<T>('DELETE', path, body),
    call,
  };
}

/** The state as text, to prove a refused request changed nothing. */
export const snapshot = (state: object): string => JSON.stringify(state);
