/**
 * Field readers for untrusted JSON. Each returns the value or throws a {@link SandboxError} with a
 * sentence naming the field, so a handler validates everything before it changes anything.
 */

/** A refusal the sandbox answers with Referral Rock's `{ message }` body and a 4xx. */
export class SandboxError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** Refuses an item with 400 and a sentence saying why. */
export function refuse(message: string): never {
  throw new SandboxError(400, message);
}

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const bad = (message: string): never => {
  throw new SandboxError(400, message);
};

const absent = (value: unknown): boolean => value === undefined || value === null;

/** A string of at most `max` characters, trimmed; empty counts as absent. */
export function optionalString(obj: JsonObject, field: string, max: number, label = field): string | undefined {
  const value = obj[field];
  if (absent(value)) return undefined;
  if (typeof value !== 'string') return bad(`${label} must be a string.`);
  const trimmed = value.trim();
  if (trimmed.length > max) return bad(`${label} must be at most ${max} characters.`);
  return trimmed === '' ? undefined : trimmed;
}

export function requiredString(obj: JsonObject, field: string, max: number, label = field): string {
  return optionalString(obj, field, max, label) ?? bad(`${label} is required.`);
}

/** A finite number within bounds. */
export function optionalNumber(obj: JsonObject, field: string, min: number, max: number, label = field): number | undefined {
  const value = obj[field];
  if (absent(value)) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return bad(`${label} must be a number.`);
  if (value < min || value > max) return bad(`${label} must be from ${min} to ${max}.`);
  return value;
}

export function optionalBoolean(obj: JsonObject, field: string, label = field): boolean | undefined {
  const value = obj[field];
  if (absent(value)) return undefined;
  if (typeof value !== 'boolean') return bad(`${label} must be true or false.`);
  return value;
}

/** An ISO 8601 date or date-time; returned as an ISO string in UTC. */
export function optionalDate(obj: JsonObject, field: string, label = field): string | undefined {
  const text = optionalString(obj, field, 40, label);
  if (text === undefined) return undefined;
  return parseDate(text) ?? bad(`${label} must be an ISO 8601 date, like 2025-08-21 or 2025-08-21T17:10:08Z.`);
}

/** Parses `2025-08-21` or an ISO date-time; null when it is neither. */
export function parseDate(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return null;
  const time = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** A plausible email address (the sandbox is not a mail server: one `@`, a dot after it). */
export function optionalEmail(obj: JsonObject, field: string, label = field): string | undefined {
  const email = optionalString(obj, field, 100, label);
  if (email === undefined) return undefined;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return bad(`${label} must be an email address.`);
  return email.toLowerCase();
}

/** An object field (for nested queries); absent gives undefined. */
export function optionalObject(obj: JsonObject, field: string, label = field): JsonObject | undefined {
  const value = obj[field];
  if (absent(value)) return undefined;
  if (!isObject(value)) return bad(`${label} must be an object.`);
  return value;
}

/** Refuses fields the endpoint does not know, so a typo is not silently ignored. */
export function onlyFields(obj: JsonObject, allowed: readonly string[], label: string): void {
  const unknown = Object.keys(obj).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) bad(`${label} has unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; known: ${allowed.join(', ')}.`);
}
