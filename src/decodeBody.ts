/**
 * Reads compressed request bodies before restify's body parser does. restify decodes gzip with a
 * stream whose errors nobody handles (a body that is not gzip ends the process) and counts only
 * the compressed bytes against the size limit. Here a body that does not decode is a 400, one that
 * decodes past the limit a 413, and an unknown encoding a 415.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type restify from 'restify';

const DECODERS: ReadonlyMap<string, (input: Buffer, options: zlib.ZlibOptions) => Promise<Buffer>> = new Map([
  ['gzip', promisify<Buffer, zlib.ZlibOptions, Buffer>(zlib.gunzip)],
  ['x-gzip', promisify<Buffer, zlib.ZlibOptions, Buffer>(zlib.gunzip)],
  ['deflate', promisify<Buffer, zlib.ZlibOptions, Buffer>(zlib.inflate)],
  ['br', promisify<Buffer, zlib.BrotliOptions, Buffer>(zlib.brotliDecompress)],
]);

type Next = (err?: unknown) => void;

export function decodeBody(options: { maxBodyBytes: number }): restify.RequestHandler {
  return (req: restify.Request, res: restify.Response, next: Next) => {
    const encoding = String(req.headers['content-encoding'] ?? '')
      .trim()
      .toLowerCase();
    if (!encoding || encoding === 'identity') {
      delete req.headers['content-encoding'];
      return next();
    }
    const decode = DECODERS.get(encoding);
    if (!decode) {
      res.send(415, { error: 'unsupported_content_encoding' });
      return next(false);
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let finished = false;
    const finish = (status?: number, error?: string): void => {
      if (finished) return;
      finished = true;
      if (status) {
        res.header('connection', 'close');
        res.send(status, { error });
        next(false);
      } else next();
    };
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received <= options.maxBodyBytes) chunks.push(chunk);
    });
    req.once('error', () => finish(400, 'unreadable_body'));
    req.once('end', () => {
      if (received > options.maxBodyBytes) return finish(413, 'body_too_large');
      decode(Buffer.concat(chunks), { maxOutputLength: options.maxBodyBytes }).then(
        (body) => {
          delete req.headers['content-encoding'];
          req.headers['content-length'] = String(body.length);
          // restify's body reader skips a body already read and hands this one to its JSON parser.
          (req as unknown as { _readBody: boolean })._readBody = true;
          req.body = body.toString('utf8');
          finish();
        },
        (error: NodeJS.ErrnoException) =>
          error.code === 'ERR_BUFFER_TOO_LARGE' ? finish(413, 'body_too_large') : finish(400, 'bad_content_encoding'),
      );
    });
  };
}
