/**
 * The Lua scripts the Redis store runs: each is one atomic step, whatever the number of instances.
 * The client loads them once and calls them by SHA (`EVALSHA`, falling back to `EVAL` after a
 * Redis restart forgot them).
 *
 * @example
 * createClient({ scripts: { takeToken: defineScript({ SCRIPT: TAKE_TOKEN, NUMBER_OF_KEYS: 1, … }) } })
 */

/**
 * The token bucket of `server/rate-limit.ts`, refill and take in one step. KEYS[1]: the bucket (a
 * hash of `tokens` and `at`); ARGV: capacity, tokens per minute, now (ms). Answers
 * `{ allowed (1/0), retryAfterMs, whole tokens left }`. The caller's clock is used, as in memory; a bucket's time
 * never runs backwards, so instances whose clocks differ slightly cannot mint tokens.
 */
export const TAKE_TOKEN = `
local capacity = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2]) / 60000
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
tokens = math.min(capacity, tokens + math.max(0, now - at) * perMs)
local allowed = 0
local retryAfterMs = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retryAfterMs = math.ceil((1 - tokens) / perMs)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(math.max(at, now)))
-- Once refilled, a bucket is the same as none: let it expire then.
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / perMs) + 1000)
return { allowed, retryAfterMs, math.floor(tokens) }
`;

/**
 * Writes an entry and lists it in its member's group. KEYS[1]: entry, KEYS[2]: group set; ARGV:
 * value, ttl (ms). The group lives as long as its longest-lived entry.
 */
export const SET_IN_GROUP = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SADD', KEYS[2], KEYS[1])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[2]) then
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
end
return 1
`;

/**
 * Deletes several members' entries, and publishes the announcements, in one step (a webhook naming
 * many members costs one call, not one per member). The entries share their group's hash slot (the
 * member tag in braces). KEYS: the groups; ARGV[1]: the invalidation
 * channel; ARGV[2]: how many key prefixes follow (each group's entries starting with any of them
 * are deleted; '' for all); then the prefixes; then the messages to publish on the channel.
 * Answers how many entries existed.
 */
export const DROP_GROUPS = `
local prefixCount = tonumber(ARGV[2])
local dropped = 0
for _, group in ipairs(KEYS) do
  for _, key in ipairs(redis.call('SMEMBERS', group)) do
    for p = 1, prefixCount do
      local prefix = ARGV[2 + p]
      if string.sub(key, 1, #prefix) == prefix then
        dropped = dropped + redis.call('DEL', key)
        redis.call('SREM', group, key)
        break
      end
    end
  end
end
for m = 3 + prefixCount, #ARGV do
  redis.call('PUBLISH', ARGV[1], ARGV[m])
end
return dropped
`;

/** Releases a lease only if ARGV[1] (the holder's token) still holds KEYS[1]. */
export const RELEASE_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;
