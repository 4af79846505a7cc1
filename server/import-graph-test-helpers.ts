/** The import graph of the server's modules, for the tests that hold its architecture. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Static `import`/`export … from` specifiers, side-effect imports too; `import()` stays out (loaded on demand). */
const STATIC_IMPORT = /(?:^|\n)\s*(?:import|export)\s*(?:[^'"`();]*?\sfrom\s*)?['"]([^'"]+)['"]/g;

/** What `file` imports statically (values and types), as written. */
export function importSpecifiers(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)].map((match) => match[1]!);
}

/** The `.ts` file a relative specifier of `from` names. */
export function resolveImport(from: string, specifier: string): string {
  return resolve(dirname(from), specifier.replace(/\.js$/, '.ts'));
}

/** Every module `entry` reaches through relative imports, each with the specifiers it imports. */
export function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (file: string) => {
    if (graph.has(file)) return;
    const specifiers = importSpecifiers(file);
    graph.set(file, specifiers);
    for (const specifier of specifiers) if (specifier.startsWith('.')) visit(resolveImport(file, specifier));
  };
  visit(entry);
  return graph;
}
