/**
 * Test support for the Durable Object tests: a Worker entry bundled as workerd runs it, and two
 * Workers — two isolates — running that bundle and binding one `SHARED_STATE` namespace.
 */
import { build } from 'esbuild';
import { Miniflare, type WorkerOptions } from 'miniflare';

/** Bundles `source`, a Worker entry written in the test, its imports resolved from `resolveDir`. */
export async function bundleWorker(source: string, resolveDir: string): Promise<string> {
  const bundle = await build({
    stdin: { contents: source, resolveDir, loader: 'ts', sourcefile: 'worker.ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  return bundle.outputFiles[0]!.text;
}

/**
 * Workers `a` and `b` (reached at `http://a.test/…` and `http://b.test/…`) running `script`, both
 * bound as `SHARED_STATE` to one namespace of `className`, which `a` hosts. `options` adds each
 * one's bindings and service bindings. Resolves once both are ready; dispose of it after.
 */
export async function twoIsolates(script: string, className: string, options: (name: 'a' | 'b') => Pick<WorkerOptions, 'bindings' | 'serviceBindings'>): Promise<Miniflare> {
  const worker = (name: 'a' | 'b') => ({ name, routes: [`${name}.test/*`], modules: true, script, compatibilityDate: '2025-01-01', ...options(name) });
  const mf = new Miniflare({
    cf: false,
    workers: [
      { ...worker('a'), durableObjects: { SHARED_STATE: className } },
      { ...worker('b'), durableObjects: { SHARED_STATE: { className, scriptName: 'a' } } },
    ],
  });
  await mf.ready;
  return mf;
}

/** A promise settled from outside. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}
