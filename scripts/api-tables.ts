/**
 * The element's API tables in README.md and docs/widget.md, written from the Custom Elements
 * Manifest (`cem analyze`, from the JSDoc of widget/referral-share.ts) between marker comments:
 *
 *   <!-- api-table:attributes -->
 *   …generated…
 *   <!-- /api-table:attributes -->
 *
 * `npm run docs:api` rewrites them; docs.test.ts fails when a table differs from the manifest.
 * To change a row, change the JSDoc, not the Markdown.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export type TableName = 'attributes' | 'events' | 'css-properties' | 'slots' | 'css-parts';

/** Which file carries which table. README: what a newcomer embeds with; docs/widget.md: the rest. */
export const TABLES_BY_FILE: Record<string, TableName[]> = {
  'README.md': ['attributes', 'events', 'css-properties'],
  'docs/widget.md': ['slots', 'css-parts'],
};

interface Described {
  name: string;
  description?: string;
  default?: string;
}
interface Member extends Described {
  kind: string;
  static?: boolean;
  privacy?: string;
  attribute?: string;
  type?: { text: string };
}
interface ElementDeclaration {
  tagName?: string;
  members?: Member[];
  events?: Described[];
  slots?: Described[];
  cssParts?: Described[];
  cssProperties?: Described[];
}
export interface Manifest {
  modules: { declarations?: ElementDeclaration[] }[];
}

/** Runs the analyzer with the project's configuration into a temporary folder; `dist/` and package.json are left alone. */
export function analyzeManifest(): Manifest {
  const out = mkdtempSync(join(tmpdir(), 'cem-'));
  try {
    const config = join(out, 'config.mjs');
    const base = pathToFileURL(join(ROOT, 'custom-elements-manifest.config.mjs')).href;
    // The analyzer joins outdir to the working directory, and by default writes its path into package.json.
    writeFileSync(config, `import base from ${JSON.stringify(base)};\nexport default { ...base, outdir: ${JSON.stringify(relative(ROOT, out))}, packagejson: false };\n`);
    const cem = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js');
    execFileSync(process.execPath, [cem, 'analyze', '--config', config, '--quiet'], { cwd: ROOT, stdio: 'pipe' });
    return JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8')) as Manifest;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Every table, rendered as Markdown. */
export function apiTables(manifest: Manifest): Record<TableName, string> {
  const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName);
  if (!element) throw new Error('custom-elements.json declares no custom element');
  const fields = (element.members ?? []).filter((member) => member.kind === 'field' && !member.static && member.privacy !== 'private');
  return {
    attributes: table(
      ['Attribute', 'Property', 'Type', 'Default', 'Meaning'],
      fields.map((field) => [
        field.attribute ? code(field.attribute) : '*(property only)*',
        code(field.name),
        field.type ? code(field.type.text) : '',
        shownDefault(field.default),
        text(field.description),
      ]),
    ),
    events: table(['Event', 'When, and its `detail`'], (element.events ?? []).map((event) => [code(event.name), text(event.description)])),
    'css-properties': table(
      ['Custom property', 'Default', 'Meaning'],
      (element.cssProperties ?? []).map((property) => [code(property.name), shownDefault(property.default), text(property.description)]),
    ),
    slots: table(['Slot', 'Meaning'], (element.slots ?? []).map((slot) => [code(slot.name), text(slot.description)])),
    'css-parts': table(['Part (`::part()`)', 'Meaning'], (element.cssParts ?? []).map((part) => [code(part.name), text(part.description)])),
  };
}

/** `markdown` with each named table replaced between its markers; a missing marker is an error. */
export function withTables(markdown: string, tables: Record<TableName, string>, names: TableName[], file: string): string {
  let result = markdown;
  for (const name of names) {
    const start = `<!-- api-table:${name} -->`;
    const end = `<!-- /api-table:${name} -->`;
    const from = result.indexOf(start);
    const to = result.indexOf(end);
    if (from === -1 || to < from) throw new Error(`${file} has no "${start}" … "${end}" markers`);
    result = `${result.slice(0, from + start.length)}\n${tables[name]}\n${result.slice(to)}`;
  }
  return result;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Inline code, with the table's column separator escaped (GitHub reads `\|` inside code too). */
function code(value: string): string {
  return `\`${value.replaceAll('|', '\\|')}\``;
}

/** A JSDoc description on one line, safe in a table cell. */
function text(description = ''): string {
  return description.replace(/\s+/g, ' ').trim().replaceAll('|', '\\|');
}

/** The source's literal (`'All'`), or a dash for an empty string or none. */
function shownDefault(value?: string): string {
  if (value === undefined || value === "''" || value === '') return '—';
  return code(value);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tables = apiTables(analyzeManifest());
  for (const [file, names] of Object.entries(TABLES_BY_FILE)) {
    const path = join(ROOT, file);
    const before = readFileSync(path, 'utf8');
    const after = withTables(before, tables, names, file);
    if (after !== before) writeFileSync(path, after);
    console.log(`${file}: ${names.join(', ')}${after === before ? ' (unchanged)' : ' (written)'}`);
  }
}
