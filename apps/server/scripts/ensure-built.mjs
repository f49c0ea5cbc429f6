/**
 * `npm start`'s build step: rebuilds the web app and the compiled server only when their sources
 * changed since the last build (a content stamp in each dist folder), so a start on a built
 * checkout does no build at all (PERFORMANCE.md B8) and a fresh clone builds both.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Files under `paths` (folders walked), sorted, without build output or dependencies. */
function filesOf(paths) {
  const files = [];
  const walk = (path) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (name === 'node_modules' || name === 'dist') continue;
        walk(join(path, name));
      }
    } else files.push(path);
  };
  for (const path of paths) walk(join(root, path));
  return files;
}

/** A hash of the names and contents of the inputs. */
function stampOf(paths) {
  const hash = createHash('sha256');
  for (const file of filesOf(paths)) {
    hash.update(relative(root, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const targets = [
  {
    name: 'web app',
    stampFile: 'apps/web/dist/.build-stamp',
    inputs: [
      'apps/web/src',
      'apps/web/index.html',
      'apps/web/vite.config.ts',
      'apps/web/package.json',
      'apps/web/scripts',
      'packages/shared/src',
      'package-lock.json',
    ],
    build: ['npm', ['run', 'build:web']],
  },
  {
    name: 'server',
    stampFile: 'apps/server/dist/.build-stamp',
    inputs: [
      'apps/server/src',
      'apps/server/migrations',
      'apps/server/scripts',
      'apps/server/package.json',
      'packages/shared/src',
      'package-lock.json',
    ],
    build: ['node', ['apps/server/scripts/build.mjs']],
  },
];

for (const target of targets) {
  const stampPath = join(root, target.stampFile);
  const stamp = stampOf(target.inputs);
  const built = existsSync(stampPath) ? readFileSync(stampPath, 'utf8').trim() : '';
  if (built === stamp) continue;
  console.log(`Building the ${target.name} (sources changed since the last build)…`);
  execFileSync(target.build[0], target.build[1], { cwd: root, stdio: 'inherit' });
  writeFileSync(stampPath, `${stamp}\n`);
}
