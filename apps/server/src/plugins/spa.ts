import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { sendError } from './errors.ts';

/**
 * Serves the built single-page app at `/`, with index.html for any non-API path so client routes survive a
 * reload. `/api` itself and anything under it that is not a route is a JSON 404, never the page. Without a build,
 * `/` says how to make one.
 */
export default fp(
  async function spa(app: FastifyInstance, opts: { root: string }) {
    const built = fs.existsSync(path.join(opts.root, 'index.html'));
    if (built) {
      await app.register(fastifyStatic, { root: opts.root, wildcard: false, index: 'index.html' });
    } else {
      app.get('/', async (_req, reply) =>
        reply
          .type('text/plain')
          .send('pairchat API is running. Build the web app with `pnpm build` to serve it here.\n'),
      );
    }
    app.setNotFoundHandler((req, reply) => {
      const url = req.url.split('?')[0] ?? '/';
      // `//api/x` and `/api%2Fx` are API paths too (never the page), however the slashes are written.
      const apiPath = url.replace(/%2f/gi, '/').replace(/\/{2,}/g, '/');
      const isApi = apiPath === '/api' || apiPath.startsWith('/api/');
      const isPage = req.method === 'GET' && !isApi && url !== '/ws' && path.extname(url) === '';
      if (built && isPage) return reply.sendFile('index.html');
      return sendError(reply, 404, 'not_found', `no route ${req.method} ${url}`);
    });
  },
  { name: 'spa', dependencies: ['errors'] },
);
