/**
 * Sizes of the built widget: the script-tag IIFE and the ES module a bundler starts from, gzip and
 * brotli, with the IIFE split by dependency through its source map. Reads `dist/` as built.
 */
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const distFolder = fileURLToPath(new URL('../dist/', import.meta.url));
export const IIFE_FILE = join(distFolder, 'referral-share.js');

/**
 * The budget of the script-tag build's first load (what loads on demand is not in it), enforced by
 * `size-budget.test.ts`.
 */
export const IIFE_GZIP_BUDGET_BYTES = 16 * 1024;

export interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface SizeReport {
  iife: Size;
  /** `dist/define.js` and every chunk it imports statically: what loads at first. */
  esm: Size & { files: string[] };
  /** Files loaded only on demand (`import()` chunks of the ES build, lazy parts of the IIFE), each alone. */
  onDemand: Array<Size & { file: string }>;
  /** The IIFE's minified bytes per package (own code as `referral-share`), each compressed alone. */
  iifeByDependency: Array<Size & { dependency: string }>;
}

export function measure(text: string | Buffer): Size {
  const buffer = Buffer.from(text);
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** The IIFE's gzip size: what the size budget holds. */
export function iifeGzipBytes(): number {
  if (!existsSync(IIFE_FILE)) throw new Error(`${IIFE_FILE} is missing: run \`npm run build\` first`);
  return measure(readFileSync(IIFE_FILE)).gzip;
}

export function measureSizes(): SizeReport {
  const iifeCode = readFileSync(IIFE_FILE, 'utf8');
  const initial = staticGraph('define.js');
  const initialCode = initial.map((file) => readFileSync(join(distFolder, file), 'utf8')).join('\n');
  // Every other script of the widget, in dist/ or a folder of it (the server and declarations aside).
  const widgetScripts = (readdirSync(distFolder, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.js') && !/^(server|types)[\\/]/.test(file))
    .map((file) => file.split('\\').join('/'));
  const onDemand = widgetScripts.filter((file) => !initial.includes(file) && !['index.js', 'referral-share.js'].includes(file)).sort();
  return {
    iife: measure(iifeCode),
    esm: { ...measure(initialCode), files: initial },
    onDemand: onDemand.map((file) => ({ file, ...measure(readFileSync(join(distFolder, file))) })),
    iifeByDependency: byDependency(iifeCode, JSON.parse(readFileSync(`${IIFE_FILE}.map`, 'utf8'))),
  };
}

/** An ES entry and the chunks it imports statically (`import … from "./x.js"`), transitively. */
function staticGraph(entry: string): string[] {
  const seen: string[] = [];
  const visit = (file: string) => {
    if (seen.includes(file)) return;
    seen.push(file);
    const code = readFileSync(join(distFolder, file), 'utf8');
    for (const match of code.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[^'"();]*?from\s*)?["'](\.\/[^"']+)["']/g)) {
      visit(join(dirname(file), match[1]!));
    }
  };
  visit(entry);
  return seen;
}

/** Which package a source file of the map belongs to. */
function dependencyOf(source: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  return match ? match[1]! : 'referral-share';
}

/** Attributes each generated character to the source its mapping segment comes from. */
function byDependency(code: string, map: ConstructorParameters<typeof TraceMap>[0]): SizeReport['iifeByDependency'] {
  const lines = code.split('\n');
  const pieces = new Map<string, string[]>();
  const segments: Array<{ line: number; column: number; dependency: string }> = [];
  eachMapping(new TraceMap(map), (m) => {
    segments.push({ line: m.generatedLine - 1, column: m.generatedColumn, dependency: m.source ? dependencyOf(m.source) : '(unmapped)' });
  });
  segments.sort((a, b) => a.line - b.line || a.column - b.column);
  const add = (dependency: string, text: string) => {
    if (text) pieces.set(dependency, [...(pieces.get(dependency) ?? []), text]);
  };
  let cursor = { line: 0, column: 0 };
  const addUpTo = (line: number, column: number, dependency: string) => {
    // Everything from the cursor to (line, column) belongs to `dependency`, across line breaks.
    while (cursor.line < line) {
      add(dependency, `${(lines[cursor.line] ?? '').slice(cursor.column)}\n`);
      cursor = { line: cursor.line + 1, column: 0 };
    }
    add(dependency, (lines[line] ?? '').slice(cursor.column, column));
    cursor = { line, column };
  };
  let current = '(unmapped)';
  for (const segment of segments) {
    addUpTo(segment.line, segment.column, current);
    current = segment.dependency;
  }
  addUpTo(lines.length - 1, (lines.at(-1) ?? '').length, current);
  return [...pieces]
    .map(([dependency, list]) => ({ dependency, ...measure(list.join('')) }))
    .sort((a, b) => b.raw - a.raw);
}
