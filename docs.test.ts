/**
 * The documentation, checked: every relative link of README.md, CHANGELOG.md and docs/ reaches a
 * file (and its heading, for a #anchor); every repository path written in backticks exists; every
 * configuration variable is documented; the security table's test files and titles exist; and the
 * element's tables are what custom-elements.json says.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { CONFIG_VARIABLES } from './server/config.js';
import { analyzeManifest, apiTables, ROOT, TABLES_BY_FILE, withTables } from './scripts/api-tables.js';

const DOCS = ['README.md', 'CHANGELOG.md', ...readdirSync(join(ROOT, 'docs'), { recursive: true })
  .map(String)
  .filter((name) => name.endsWith('.md'))
  .map((name) => `docs/${name}`)];

/** The text outside fenced code blocks, with inline code spans blanked (a link in code is no link). */
function prose(markdown: string): string {
  return withoutFences(markdown).replace(/`[^`\n]*`/g, (span) => ' '.repeat(span.length));
}

function withoutFences(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens; repeats get -1, -2. */
export function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of withoutFences(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const text = heading!.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '');
    const base = text.toLowerCase().replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  for (const [, id] of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(id!);
  return anchors;
}

/** Every file of the working tree and the build, as paths from the root (dependencies and git aside). */
function filesUnder(folder: string, prefix = ''): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules' && entry.name !== '.git')
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(folder, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]));
}

function linksOf(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]!);
}

/** A path written in backticks that names a file or folder of this repository (not a build output). */
const REPO_PATH = /^(?:server|widget|types|shared|bench|scripts|demo|docs)\/[\w.\/-]*$/;

function backtickedPaths(markdown: string): string[] {
  return [...withoutFences(markdown).matchAll(/`([^`\n]+)`/g)]
    .map((match) => match[1]!)
    .filter((path) => REPO_PATH.test(path) && !path.split('/').includes('dist'));
}

describe('the documentation', () => {
  it('holds README, CHANGELOG and the docs/ pages', () => {
    for (const file of ['README.md', 'CHANGELOG.md', 'docs/security.md', 'docs/configuration.md']) {
      assert.ok(DOCS.includes(file), `${file} is missing`);
    }
  });

  it('every relative link reaches a file, and every #anchor a heading of it', () => {
    const broken: string[] = [];
    for (const file of DOCS) {
      for (const link of linksOf(readFileSync(join(ROOT, file), 'utf8'))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:, …
        const [path, anchor] = link.split('#') as [string, string | undefined];
        const target = path ? resolve(ROOT, dirname(file), decodeURI(path)) : join(ROOT, file);
        if (!target.startsWith(ROOT) || !existsSync(target)) {
          broken.push(`${file}: ${link} (no such file)`);
          continue;
        }
        if (anchor && !anchorsOf(readFileSync(target, 'utf8')).has(anchor)) {
          broken.push(`${file}: ${link} (no heading "#${anchor}" in ${relative(ROOT, target)})`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });

  it('every repository path written in backticks exists', () => {
    const missing = DOCS.flatMap((file) =>
      backtickedPaths(readFileSync(join(ROOT, file), 'utf8'))
        .filter((path) => !existsSync(join(ROOT, path)))
        .map((path) => `${file}: ${path}`),
    );
    assert.deepEqual([...new Set(missing)], []);
  });

  it('every file named by its name alone in backticks (`seam.ts`) is a file of the repository or the build', () => {
    const names = new Set(filesUnder(ROOT).map((path) => path.split('/').pop()!));
    const missing = DOCS.filter((file) => file !== 'CHANGELOG.md') // history names files that went
      .flatMap((file) =>
        [...withoutFences(readFileSync(join(ROOT, file), 'utf8')).matchAll(/`([\w-][\w.-]*\.(?:ts|tsx|mjs|js|json|toml|vue|html|css))`/g)]
          .map((match) => match[1]!)
          .filter((name) => name !== 'c.json' && !/-[\w-]{8}\.js$/.test(name)) // Hono's c.json(); a content-hashed chunk
          .filter((name) => !names.has(name))
          .map((name) => `${file}: ${name}`),
      );
    assert.deepEqual([...new Set(missing)], []);
  });

  it('every build output written in backticks is what npm run build makes', () => {
    assert.ok(existsSync(join(ROOT, 'dist')), 'run npm run build first');
    const missing = DOCS.flatMap((file) =>
      [...withoutFences(readFileSync(join(ROOT, file), 'utf8')).matchAll(/`(dist\/[\w.\/-]*)`/g)]
        .map((match) => match[1]!)
        .filter((path) => !existsSync(join(ROOT, path)))
        .map((path) => `${file}: ${path}`),
    );
    assert.deepEqual([...new Set(missing)], []);
  });

  it('the checks see links, anchors and paths the way GitHub does', () => {
    const sample = [
      '# Referring a friend: `POST /v1/me/referrals`',
      '## The demo’s simulate panel',
      '## Size', '## Size',
      'See [the API](docs/api.md#errors) and `server/app.ts`.',
      '```sh', '[not a link](nowhere.md) `server/not-checked.ts`', '```',
      '`[in code](nowhere.md)`',
    ].join('\n');
    assert.deepEqual([...anchorsOf(sample)], ['referring-a-friend-post-v1mereferrals', 'the-demos-simulate-panel', 'size', 'size-1']);
    assert.deepEqual(linksOf(sample), ['docs/api.md#errors']);
    assert.deepEqual(backtickedPaths(sample), ['server/app.ts']);
  });
});

describe('docs/configuration.md', () => {
  it('names every variable the server reads (the sandbox\'s faults in docs/sandbox.md)', () => {
    const documented = ['docs/configuration.md', 'docs/sandbox.md'].map((file) => readFileSync(join(ROOT, file), 'utf8')).join('\n');
    assert.deepEqual(CONFIG_VARIABLES.filter((name) => !documented.includes(`\`${name}\``)), []);
  });
});

describe("docs/security.md's attacker table", () => {
  const markdown = readFileSync(join(ROOT, 'docs/security.md'), 'utf8');
  const section = markdown.split(/^#+ What an attacker was refused, and the test that tries it$/m)[1] ?? '';
  // The section's first table, header and divider left out.
  const table = /(?:^\|.*\n)+/m.exec(section)?.[0] ?? '';
  const rows = table.split('\n').filter((line) => line.startsWith('|')).slice(2);

  it('has a row per guarantee, each naming a test file that exists', () => {
    assert.ok(rows.length >= 40, `the table has ${rows.length} rows`);
    const problems = rows.flatMap((row) => {
      const cells = row.split(/(?<!\\)\|/).slice(1, -1);
      const files = [...(cells[1] ?? '').matchAll(/`([\w./-]+\.test\.ts)`/g)].map((match) => match[1]!);
      if (files.length === 0) return [`no test file named in: ${row.slice(0, 80)}…`];
      return files.filter((file) => !existsSync(join(ROOT, file))).map((file) => `${file} does not exist`);
    });
    assert.deepEqual(problems, []);
  });

  it('names tests whose titles are in those files', () => {
    // `file › describe › test; › another test`: each title written out in full is looked for in its
    // file (quotes of either kind); titles cut short with "…" or listing variants ("a / b") are not.
    const normalize = (text: string) => text.replace(/[’‘]/g, "'");
    // A title as the source writes it: `\'` and `\\` are one character in the string.
    const unescape = (source: string) => source.replace(/\\(['"`\\])/g, '$1');
    const missing: string[] = [];
    for (const row of rows) {
      const cell = row.split(/(?<!\\)\|/)[2] ?? '';
      for (const mention of cell.split(/;\s*(?=`)/)) {
        const file = /`([\w./-]+\.test\.ts)`/.exec(mention)?.[1];
        if (!file || !existsSync(join(ROOT, file))) continue;
        const source = normalize(unescape(readFileSync(join(ROOT, file), 'utf8')));
        const titles = mention.split(/;?\s*›\s*/).slice(1).map((title) => normalize(title.trim()));
        for (const title of titles) {
          if (!title || title.includes('…') || title.includes(' / ')) continue;
          if (!source.includes(title)) missing.push(`${file} › ${title}`);
        }
      }
    }
    assert.deepEqual(missing, []);
  });
});

describe("README's element tables", () => {
  it('are what custom-elements.json gives (npm run docs:api writes them)', () => {
    const tables = apiTables(analyzeManifest());
    for (const [file, names] of Object.entries(TABLES_BY_FILE)) {
      const markdown = readFileSync(join(ROOT, file), 'utf8');
      assert.equal(markdown, withTables(markdown, tables, names, file), `${file}'s tables differ from the manifest: run npm run docs:api`);
    }
  });

  it('name every attribute and event of the element', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const name of ['`time-period`', '`tokenProvider`', '`referral-share-load`', '`referral-share-refer`', '`--referral-share-accent`']) {
      assert.ok(readme.includes(name), `README names ${name}`);
    }
  });
});
