/**
 * Requests whose body an entry rebuilt from what a body parser in front of it left (`req.body`
 * parsed from JSON, then serialized again): the same data, maybe not the same bytes. A signature
 * over the sender's bytes can then not be checked; the webhook route says so instead of "wrong".
 */
const rebuilt = new WeakSet<Request>();

/** Marks `request` as carrying a rebuilt body. @example markBodyRebuilt(request) */
export function markBodyRebuilt(request: Request): void {
  rebuilt.add(request);
}

/** True when an entry rebuilt this request's body (see {@link markBodyRebuilt}). */
export function isBodyRebuilt(request: Request): boolean {
  return rebuilt.has(request);
}
