/**
 * Compiles the server to one ES module, apps/server/dist/main.js (PERFORMANCE.md B8: no TypeScript
 * transform when the server starts). npm packages stay external (node_modules); @carnet/shared is
 * bundled. Each source file's `import.meta.url` is rewritten to its own location in the source
 * tree, so files found next to the code (the habilitation matrix, the PDF render worker, the built
 * web app) are found exactly as when running from source.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const outfile = join(serverDir, 'dist/main.js');
const pkg = JSON.parse(readFileSync(join(serverDir, 'package.json'), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => name !== '@carnet/shared');

/** Rewrites `import.meta.url` in our sources to the URL of the source file itself. */
const sourceUrls = {
  name: 'source-urls',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
      const fromBundle = relative(dirname(outfile), args.path).split('\\').join('/');
      return {
        contents: text.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`,
        ),
        loader: 'ts',
      };
    });
  },
};

await build({
  entryPoints: [join(serverDir, 'src/main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  sourcemap: true,
  logLevel: 'warning',
  plugins: [sourceUrls],
  // Bundled CommonJS helpers may call require(): give the ES module one.
  banner: {
    js: "import { createRequire as carnetCreateRequire } from 'node:module'; const require = carnetCreateRequire(import.meta.url);",
  },
});
console.log(`Built ${relative(process.cwd(), outfile)} (${pathToFileURL(outfile).pathname})`);
