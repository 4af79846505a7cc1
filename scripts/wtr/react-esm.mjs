/**
 * React for widget tests in the browser: React ships CommonJS only, which the test runner's module
 * server does not convert. This plugin bundles `react`, `react-dom`, `react-dom/client` and
 * `react-dom/server` (its browser build) once with esbuild into one ES module — one React instance
 * — and serves each specifier as a module re-exporting that package's names.
 */
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const PACKAGES = { react: 'React', 'react-dom': 'ReactDOM', 'react-dom/client': 'ReactDOMClient', 'react-dom/server': 'ReactDOMServer' };
const PREFIX = '/__react/';
const fileOf = (specifier) => `${PREFIX}${specifier.replace('/', '-')}.js`;

async function bundle() {
  const entry = Object.entries(PACKAGES)
    .map(([specifier, name]) => `import ${name} from '${specifier === 'react-dom/server' ? 'react-dom/server.browser' : specifier}';`)
    .join('\n');
  const result = await build({
    stdin: { contents: `${entry}\nexport { ${Object.values(PACKAGES).join(', ')} };`, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'esm',
    write: false,
    // The development build: React reports hydration mismatches on the console there.
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/**
 * The names a package exports, read from its production build in Node (the development build
 * wraps the runner's console).
 */
function exportNames(specifier) {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return Object.keys(require(specifier)).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key) && key !== 'default');
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

/** A specifier's module: the bundle's instance, its names exported one by one. */
function reexports(specifier) {
  const name = PACKAGES[specifier];
  const names = exportNames(specifier);
  return `import { ${name} } from '${PREFIX}bundle.js';\nexport const { ${names.join(', ')} } = ${name};\nexport default ${name};\n`;
}

export function reactEsm() {
  let bundled;
  return {
    name: 'react-esm',
    resolveImport({ source }) {
      if (source in PACKAGES) return fileOf(source);
    },
    async serve(context) {
      if (context.path === `${PREFIX}bundle.js`) return { body: await (bundled ??= bundle()), type: 'js' };
      const specifier = Object.keys(PACKAGES).find((s) => fileOf(s) === context.path);
      if (specifier) return { body: reexports(specifier), type: 'js' };
    },
  };
}
