/**
 * GET / (the chat page) and GET /webchat/webchat.js (Microsoft's prebuilt Web Chat bundle, read from
 * node_modules once and served gzipped when the browser accepts it; no CDN).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type restify from 'restify';
import { chatPage, type ChatPageOptions } from './chatPage.js';

/** The bundle's path: the package's exports hide dist/, so it is found next to the CommonJS entry. */
function webChatBundlePath(): string {
  const entry = createRequire(import.meta.url).resolve('botframework-webchat');
  return join(dirname(entry), '..', 'dist', 'webchat.js');
}

export function registerWebChat(server: restify.Server, options: ChatPageOptions): void {
  const page = chatPage(options);
  let bundle: { plain: Buffer; gzip: Buffer } | undefined;
  const loadBundle = (): { plain: Buffer; gzip: Buffer } => {
    if (!bundle) {
      const plain = readFileSync(webChatBundlePath());
      bundle = { plain, gzip: gzipSync(plain) };
    }
    return bundle;
  };

  server.get('/', async (_req: restify.Request, res: restify.Response) => {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
    });
    res.end(page);
  });

  server.get('/webchat/webchat.js', async (req: restify.Request, res: restify.Response) => {
    const { plain, gzip } = loadBundle();
    const gzipped = /\bgzip\b/.test(req.header('accept-encoding') ?? '');
    res.writeHead(200, {
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': 'public, max-age=86400',
      'access-control-allow-origin': '*',
      vary: 'accept-encoding',
      ...(gzipped ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(gzipped ? gzip : plain);
  });
}
