/**
 * Settings every benchmark gives the backend: rate limits off (where the backend has them), since
 * a benchmark sends one client's traffic on purpose. Unknown variables are ignored by older code.
 */
export const BENCH_ENV: Record<string, string> = {
  RATE_LIMIT_MEMBER_PER_MIN: '0',
  RATE_LIMIT_IP_PER_MIN: '0',
};
