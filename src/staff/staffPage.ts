/**
 * The staff page's files, served by the bot itself. They live in `src/staff/page/` and are read
 * from there also when running the compiled build (tsc does not copy them).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { lookupTable } from '../domain/lookupTable.js';

const TYPES = lookupTable<string>({
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
});

/** The files that may be served, by name; nothing else in the folder is reachable. */
const PAGE_FILES = [
  'index.html',
  'login.html',
  'staff.css',
  'staff.js',
  'dom.js',
  'funnelChart.js',
  'salesViews.js',
  'uPlot.esm.js',
  'uPlot.min.css',
] as const;
export type PageFile = (typeof PAGE_FILES)[number];

/** The chart library, served from node_modules (no CDN: the page's CSP allows only its own files). */
const VENDOR: Partial<Record<PageFile, string>> = {
  'uPlot.esm.js': 'uplot/dist/uPlot.esm.js',
  'uPlot.min.css': 'uplot/dist/uPlot.min.css',
};
const require = createRequire(import.meta.url);

function pageDir(): string {
  const here = import.meta.dirname;
  const beside = path.join(here, 'page');
  // dist/src/staff → src/staff/page
  return existsSync(beside) ? beside : path.resolve(here, '../../../src/staff/page');
}

export function createPageFiles() {
  const dir = pageDir();
  const cache = new Map<string, Buffer>();
  return {
    isPageFile: (name: string): name is PageFile => (PAGE_FILES as readonly string[]).includes(name),
    async read(name: PageFile): Promise<{ body: Buffer; type: string }> {
      let body = cache.get(name);
      const vendor = VENDOR[name];
      const file = vendor ? path.join(path.dirname(require.resolve('uplot')), path.basename(vendor)) : path.join(dir, name);
      if (!body) cache.set(name, (body = await readFile(file)));
      return { body, type: TYPES[path.extname(name)] ?? 'application/octet-stream' };
    },
  };
}

/** What the page may load: only its own files; no inline script or style. */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
