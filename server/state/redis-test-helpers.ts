import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { after, before } from 'node:test';
import { until } from '../test-helpers.js';

const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';
const READY_WITHIN_MS = 10_000;

/** A real `redis-server` of the test's own, on a free loopback port. */
export interface RedisTestServer {
  readonly port: number;
  readonly url: string;
  /** Kills the server (SIGKILL, as a crash would) and waits for it to be gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: nothing is saved) and waits for PONG. */
  restart(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open, nothing answers — a stalled Redis. */
  pause(): void;
  /** Lets a paused server go on (SIGCONT). */
  resume(): void;
  /** Stops it for good. */
  stop(): Promise<void>;
}

/**
 * A redis-server for the enclosing suite: started before its tests; after them it is resumed (a
 * test may leave it paused), the `states` the tests opened are closed, and it stops.
 */
export function suiteRedisServer(states: Array<{ close(): Promise<void> }>): RedisTestServer {
  let server: RedisTestServer | undefined;
  before(async () => (server = await startRedisServer()));
  after(async () => {
    server?.resume();
    await Promise.all(states.map((state) => state.close()));
    await server?.stop();
  });
  const started = (): RedisTestServer => {
    if (!server) throw new Error('the suite’s redis-server is not started yet');
    return server;
  };
  return {
    get port() { return started().port; },
    get url() { return started().url; },
    kill: () => started().kill(),
    restart: () => started().restart(),
    pause: () => started().pause(),
    resume: () => started().resume(),
    stop: () => started().stop(),
  };
}

/** Whether this machine has the server binary (`.ci/run` installs Debian's `redis-server`). */
export const haveRedisServer = (): boolean => existsSync(REDIS_SERVER);

/**
 * Starts `redis-server --port N --bind 127.0.0.1 --save '' --appendonly no` on a free port and
 * waits (bounded) until it answers PING.
 *
 * @example
 * const redis = await startRedisServer()
 * after(() => redis.stop())
 * const port = connectRedis({ url: redis.url })
 */
export async function startRedisServer(): Promise<RedisTestServer> {
  const port = await freePort();
  let child: ChildProcess | undefined = await launch(port);
  const kill = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    async restart() {
      await kill();
      child = await launch(port);
    },
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    stop: kill,
  };
}

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = async () => {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}): ${stderr.trim()}`);
    return answersPong(port);
  };
  await until(ready, { what: `redis-server answering PING on port ${port}`, timeout: READY_WITHIN_MS, every: 25 }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return child;
}

/** One PING over a raw socket: true on `+PONG`. */
function answersPong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/** A loopback port nothing listens on (at the time of asking). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
