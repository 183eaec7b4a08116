/**
 * The built lexical index, persisted: analysing every passage's text (normalising, rewriting,
 * stemming) is most of the cost of building the index — about 3 s for 10,000 passages and half a
 * minute for 100,000 on a small machine. The analysed terms are written to one file, named by a hash
 * of everything they depend on (the passages' text, the business's own lexicon, the analyser's code
 * and the stemmer), and read back at the next start when nothing of that changed. The rest of the
 * index (postings, typo table, heading trigrams) is rebuilt from them, so the index is the same
 * either way. A missing, stale or damaged file only means the text is analysed again.
 *
 * File: a 4-byte length, a JSON header (format, key, term and word tables), padding to 4 bytes, then
 * Int32 term ids: per passage, the sentence count, each sentence's length and ids, then the heading,
 * "Also asked" and title as length and ids.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Passage } from '../domain/knowledge/passage.js';
import { LocalLexicon } from './analyzer.js';
import { analysePassages, Bm25KnowledgeIndex, type AnalysedKnowledge, type AnalysedPassage } from './bm25KnowledgeIndex.js';
import type { KnowledgeLexiconSpec } from './knowledgeLexicon.js';

const FORMAT = 1;
const PREFIX = 'lexical-';

interface Header {
  format: number;
  key: string;
  passages: number;
  terms: string[];
  words: string[];
  /** Term id of each word. */
  wordTerms: number[];
}

export interface IndexCacheResult {
  index: Bm25KnowledgeIndex;
  /** Whether the analysed terms came from the file. */
  fromCache: boolean;
}

let codeHash: Promise<string> | undefined;

/**
 * The analyser's code and data: every module beside this one (analyzer, lexicon, sentences, the
 * index itself…) and the stemmer package. Any change there may change the terms, so it changes the key.
 */
function codeFingerprint(): Promise<string> {
  codeHash ??= (async () => {
    const hash = createHash('sha256');
    const here = dirname(fileURLToPath(import.meta.url));
    const files = (await readdir(here)).filter((f) => /\.(?:ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
    for (const f of files)
      hash
        .update(f)
        .update('\0')
        .update(await readFile(join(here, f)))
        .update('\0');
    try {
      hash.update(await readFile(fileURLToPath(import.meta.resolve('stemmer'))));
    } catch {
      hash.update('stemmer?');
    }
    return hash.digest('hex');
  })();
  return codeHash;
}

/** The cache key: the analysed inputs of every passage, the lexicon, the code and the format. */
export async function indexKey(passages: readonly Passage[], lexicon?: KnowledgeLexiconSpec): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`${FORMAT}\0${await codeFingerprint()}\0${JSON.stringify(lexicon ?? null)}\0`);
  for (const p of passages) hash.update(JSON.stringify([p.heading, p.alsoAsked, p.title, p.text]));
  return hash.digest('hex').slice(0, 32);
}

/** Encodes analysed knowledge (exported for the tests). */
export function encodeAnalysed(key: string, analysed: AnalysedKnowledge): Buffer {
  const ids = new Map<string, number>();
  const terms: string[] = [];
  const id = (t: string): number => {
    let n = ids.get(t);
    if (n === undefined) {
      n = terms.length;
      ids.set(t, n);
      terms.push(t);
    }
    return n;
  };
  const data: number[] = [];
  const list = (xs: string[]): void => {
    data.push(xs.length);
    for (const t of xs) data.push(id(t));
  };
  for (const p of analysed.passages) {
    data.push(p.sentences.length);
    for (const s of p.sentences) list(s);
    list(p.heading);
    list(p.alsoAsked);
    list(p.title);
  }
  const header: Header = {
    format: FORMAT,
    key,
    passages: analysed.passages.length,
    terms,
    words: analysed.words.map(([w]) => w),
    wordTerms: analysed.words.map(([, t]) => id(t)),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const offset = 4 + json.length + ((4 - ((4 + json.length) % 4)) % 4);
  const out = Buffer.alloc(offset + data.length * 4);
  out.writeUInt32LE(json.length, 0);
  json.copy(out, 4);
  new Int32Array(out.buffer, out.byteOffset + offset, data.length).set(data);
  return out;
}

/** Decodes a file written by encodeAnalysed; undefined when it is not one for this key. */
export function decodeAnalysed(file: Buffer, key: string): AnalysedKnowledge | undefined {
  if (file.length < 4) return undefined;
  const length = file.readUInt32LE(0);
  if (4 + length > file.length) return undefined;
  const header = JSON.parse(file.toString('utf8', 4, 4 + length)) as Header;
  if (header.format !== FORMAT || header.key !== key) return undefined;
  const offset = 4 + length + ((4 - ((4 + length) % 4)) % 4);
  if ((file.length - offset) % 4 !== 0) return undefined;
  // Copied out so the ids are aligned whatever the Buffer's own offset.
  const data = new Int32Array(file.buffer.slice(file.byteOffset + offset, file.byteOffset + file.length));
  const { terms } = header;
  let at = 0;
  const next = (): number => {
    if (at >= data.length) throw new RangeError('index cache truncated');
    return data[at++]!;
  };
  const list = (): string[] => {
    const n = next();
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const t = terms[next()];
      if (t === undefined) throw new RangeError('index cache damaged');
      out[i] = t;
    }
    return out;
  };
  const passages: AnalysedPassage[] = [];
  for (let p = 0; p < header.passages; p++) {
    const sentences = Array.from({ length: next() }, list);
    passages.push({ sentences, heading: list(), alsoAsked: list(), title: list() });
  }
  if (at !== data.length) return undefined;
  const words = header.words.map((w, i): [string, string] => [w, terms[header.wordTerms[i]!]!]);
  return { passages, words };
}

/**
 * The lexical index of these passages, from `dir` when it holds the analysed terms for exactly
 * them, else built and written there (older files of this kind are removed). Failing to read or
 * write the cache never fails the start: the index is built as without it.
 */
export async function loadOrBuildIndex(
  passages: readonly Passage[],
  options: { lexicon?: KnowledgeLexiconSpec; dir: string; onError?: (err: unknown) => void },
): Promise<IndexCacheResult> {
  const { lexicon, dir } = options;
  let key: string | undefined;
  try {
    key = await indexKey(passages, lexicon);
    const file = await readFile(join(dir, `${PREFIX}${key}.bin`)).catch(() => undefined);
    const analysed = file ? decodeAnalysed(file, key) : undefined;
    if (analysed) return { index: new Bm25KnowledgeIndex(passages, { lexicon, analysed }), fromCache: true };
  } catch (err) {
    options.onError?.(err);
  }
  const analysed = analysePassages(passages, lexicon ? new LocalLexicon(lexicon) : undefined);
  const index = new Bm25KnowledgeIndex(passages, { lexicon, analysed });
  if (key) {
    try {
      await mkdir(dir, { recursive: true });
      const name = `${PREFIX}${key}.bin`;
      const tmp = join(dir, `${name}.${process.pid}.tmp`);
      await writeFile(tmp, encodeAnalysed(key, analysed));
      await rename(tmp, join(dir, name));
      for (const f of await readdir(dir)) {
        if (f.startsWith(PREFIX) && f !== name && !f.endsWith('.tmp')) await rm(join(dir, f), { force: true });
      }
    } catch (err) {
      options.onError?.(err);
    }
  }
  return { index, fromCache: false };
}
