import { createClient, defineScript } from 'redis';
import { DROP_GROUPS, RELEASE_LEASE, SET_IN_GROUP, TAKE_TOKEN } from './lua-scripts.js';
import type { RedisPort } from './redis-state.js';

export interface RedisConnectionOptions {
  /** `redis://[:password@]host:port[/db]`, or `rediss://…` for TLS. */
  url: string;
  /** Told about connection errors (the client keeps reconnecting by itself). */
  onError?: (err: unknown) => void;
  /** Longest wait for a connection, in milliseconds. */
  connectTimeoutMs?: number;
}

const SCAN_BATCH = 500;

/** Scripts the client loads once and then calls by SHA (`EVALSHA`, `EVAL` again if Redis forgot them). */
const scripts = {
  takeToken: defineScript({
    SCRIPT: TAKE_TOKEN,
    NUMBER_OF_KEYS: 1,
    parseCommand(parser, bucket: string, capacity: number, perMinute: number, now: number) {
      parser.pushKey(bucket);
      parser.push(String(capacity), String(perMinute), String(now));
    },
    transformReply: (reply: unknown) => reply as [number, number, number],
  }),
  setInGroup: defineScript({
    SCRIPT: SET_IN_GROUP,
    NUMBER_OF_KEYS: 2,
    parseCommand(parser, entry: string, group: string, value: string, ttlMs: number) {
      parser.pushKeys([entry, group]);
      parser.push(value, String(ttlMs));
    },
    transformReply: (reply: unknown) => reply as number,
  }),
  dropGroups: defineScript({
    SCRIPT: DROP_GROUPS,
    // No NUMBER_OF_KEYS: the groups are the keys, as many as the call names (`pushKeysLength`).
    parseCommand(parser, groups: string[], channel: string, keyPrefixes: string[], messages: string[]) {
      parser.pushKeysLength(groups);
      parser.push(channel, String(keyPrefixes.length), ...keyPrefixes, ...messages);
    },
    transformReply: (reply: unknown) => reply as number,
  }),
  releaseLease: defineScript({
    SCRIPT: RELEASE_LEASE,
    NUMBER_OF_KEYS: 1,
    parseCommand(parser, key: string, token: string) {
      parser.pushKey(key);
      parser.push(token);
    },
    transformReply: (reply: unknown) => reply as number,
  }),
};

/**
 * A `RedisPort` over the official `redis` client (it runs on Node, Bun and Deno; Workers use
 * Durable Objects instead). Commands fail at once while disconnected — no offline queue — so the
 * resilient wrapper falls back to memory instead of waiting; the client reconnects by itself with
 * a capped backoff. Pub/sub has its own connection, as Redis requires.
 *
 * @example
 * const port = connectRedis({ url: process.env.REDIS_URL!, onError: (err) => log(…) })
 * const state = new RedisSharedState(port, { prefix: 'shop-a:' })
 */
export function connectRedis(options: RedisConnectionOptions): RedisPort {
  const onError = options.onError ?? (() => {});
  const client = createClient({
    url: options.url,
    scripts,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: options.connectTimeoutMs ?? 2000,
      // Capped backoff with jitter: many instances should not all knock at once when Redis returns.
      reconnectStrategy: (retries: number) => Math.min(2000, 50 * 2 ** Math.min(retries, 6)) + Math.floor(Math.random() * 50),
    },
  });
  // The subscriber keeps its offline queue: SUBSCRIBE waits for the connection, and is sent again after a reconnect.
  const subscriber = client.duplicate({ disableOfflineQueue: false });
  // Without a listener an 'error' event would end the process.
  client.on('error', onError);
  subscriber.on('error', onError);
  const connected = client.connect().catch(onError);
  const subscriberConnected = subscriber.connect().catch(onError);

  return {
    async get(key) {
      return client.get(key);
    },
    async set(key, value, ttlMs) {
      await client.set(key, value, { expiration: { type: 'PX', value: ttlMs } });
    },
    async setInGroup(entry, group, value, ttlMs) {
      await client.setInGroup(entry, group, value, ttlMs);
    },
    async getMany(keys) {
      return keys.length === 0 ? [] : client.mGet(keys);
    },
    async dropGroups(groups, channel, keyPrefixes, messages) {
      return groups.length === 0 ? 0 : client.dropGroups(groups, channel, keyPrefixes, messages);
    },
    async del(key) {
      await client.del(key);
    },
    async delMany(keys) {
      if (keys.length > 0) await client.del(keys);
    },
    async deleteMatching(pattern) {
      let deleted = 0;
      for await (const keys of client.scanIterator({ MATCH: pattern, COUNT: SCAN_BATCH })) {
        if (keys.length > 0) deleted += await client.unlink(keys);
      }
      return deleted;
    },
    async takeToken(bucket, capacity, perMinute, now) {
      const [allowed, retryAfterMs, remaining] = await client.takeToken(bucket, capacity, perMinute, now);
      return [Number(allowed), Number(retryAfterMs), Number(remaining)];
    },
    async setIfAbsent(key, value, ttlMs) {
      return (await client.set(key, value, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } })) === 'OK';
    },
    async releaseLease(key, token) {
      return (await client.releaseLease(key, token)) === 1;
    },
    async publish(channel, message) {
      await client.publish(channel, message);
    },
    async subscribe(channel, onMessage, onReconnected) {
      let readyBefore = false;
      subscriber.on('ready', () => {
        if (readyBefore) onReconnected();
        readyBefore = true;
      });
      await subscriberConnected;
      if (subscriber.isReady) readyBefore = true;
      await subscriber.subscribe(channel, (message: string) => onMessage(message));
    },
    async ping() {
      // The first connection may still be under way (commands fail at once until then).
      await connected;
      await client.ping();
    },
    async close() {
      // destroy(): no graceful QUIT, which would wait on a Redis that may be gone. It also ends
      // a first connection still retrying, whose promise would otherwise never settle.
      for (const connection of [client, subscriber]) if (connection.isOpen) connection.destroy();
      await Promise.allSettled([connected, subscriberConnected]);
    },
  };
}
