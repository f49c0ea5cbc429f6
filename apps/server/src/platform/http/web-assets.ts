/**
 * How the built web app is served (PERFORMANCE.md B9): the brotli or gzip copy made at build time
 * when the browser accepts it, hashed files under /assets cached for a year as immutable, every
 * other file (index.html…) revalidated on each use so a new release shows at once.
 */
import type { FastifyStaticOptions } from '@fastify/static';
import { sep } from 'node:path';

/** Cache-Control of a hashed asset (its name changes with its content). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Options of @fastify/static for the web app's folder. */
export function webStaticOptions(root: string): FastifyStaticOptions {
  const assets = `${root.replace(/[\\/]+$/, '')}${sep}assets${sep}`;
  return {
    root,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders(reply, path) {
      void reply.header('cache-control', path.startsWith(assets) ? IMMUTABLE : 'no-cache');
    },
  };
}
