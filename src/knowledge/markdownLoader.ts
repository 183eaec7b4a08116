/**
 * Reads a knowledge folder: `*.md` files split into passages at `##` headings, and the business's
 * settings from `business.yaml` (defaults when absent). Validation problems name the file.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { BusinessSchema, type Business } from '../domain/business.js';
import { citedHeadings } from '../domain/consulting/consultationSchema.js';
import { ValidationError } from '../domain/errors.js';
import type { Passage } from '../domain/knowledge/passage.js';
import { EMPTY_LEXICON, KnowledgeLexiconSchema, type KnowledgeLexiconSpec } from './knowledgeLexicon.js';

const FrontMatterSchema = z.object({ title: z.string().optional(), url: z.string().optional() }).passthrough();

const ALSO_ASKED = /^\s*also asked\s*:\s*(.*)$/i;

/** Splits one Markdown document into passages. Text before the first `##` is not a passage. */
export function parseMarkdown(file: string, source: string): Passage[] {
  let body = source.replace(/\r\n?/g, '\n');
  let front: z.infer<typeof FrontMatterSchema> = {};
  const fm = /^---\n([\s\S]*?)\n---\n?/.exec(body);
  if (fm) {
    const parsed = FrontMatterSchema.safeParse(parseYaml(fm[1] ?? '') ?? {});
    if (!parsed.success) throw new ValidationError(`${file}: invalid front matter`, [parsed.error.message]);
    front = parsed.data;
    body = body.slice(fm[0].length);
  }
  const h1 = /^#\s+(.+)$/m.exec(body);
  const title = front.title ?? h1?.[1]?.trim() ?? basename(file, '.md');

  const passages: Passage[] = [];
  let heading: string | undefined;
  let lines: string[] = [];
  const flush = (): void => {
    if (heading === undefined) return;
    const alsoAsked: string[] = [];
    const textLines: string[] = [];
    for (const line of lines) {
      const m = ALSO_ASKED.exec(line);
      if (m)
        alsoAsked.push(
          ...(m[1] ?? '')
            .split(/[;|]/)
            .map((s) => s.trim())
            .filter(Boolean),
        );
      else textLines.push(line);
    }
    const text = textLines.join('\n').trim();
    if (text) passages.push({ id: `${file}#${heading}`, file, heading, title, url: front.url, text, alsoAsked });
  };
  for (const line of body.split('\n')) {
    const h2 = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (h2) {
      flush();
      heading = h2[1]!;
      lines = [];
    } else if (/^#\s/.test(line)) {
      flush();
      heading = undefined;
      lines = [];
    } else {
      lines.push(line);
    }
  }
  flush();
  return passages;
}

export interface LoadedKnowledge {
  passages: Passage[];
  business: Business;
  /** The business's own words (`synonyms.yaml`; empty when absent). */
  lexicon: KnowledgeLexiconSpec;
}

/** Loads every `*.md` passage and `business.yaml` from `dir`. */
export async function loadKnowledge(dir: string): Promise<LoadedKnowledge> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  } catch (cause) {
    throw new ValidationError(`Knowledge folder ${dir} cannot be read`, [String(cause)]);
  }
  const passages: Passage[] = [];
  for (const name of names) {
    if (name.toLowerCase() === 'readme.md') continue;
    passages.push(...parseMarkdown(name, await readFile(join(dir, name), 'utf8')));
  }
  const business = await loadBusiness(dir);
  checkConsultationSources(dir, business, passages);
  return { passages, business, lexicon: withOwnName(await loadLexicon(dir), business.name) };
}

/**
 * The business's own name read as one word: it is written all over its knowledge ("Spoke & Chain
 * gift cards"), so its words would otherwise match any question that uses them for what they mean
 * ("my chain keeps falling off"). "Spoke & Chain Cycles" and "Spoke & Chain" both become one token.
 */
function withOwnName(lexicon: KnowledgeLexiconSpec, name: string): KnowledgeLexiconSpec {
  const words = name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  // A business that has not named itself (the schema's default, "Our business") has no name to read.
  if (words.length < 2 || name === BusinessSchema.shape.name.parse(undefined)) return lexicon;
  const phrasings = [words.join(' ')];
  if (words.length >= 3) phrasings.push(words.slice(0, -1).join(' '));
  const token = words.join('');
  if (lexicon.phrases[token]) return lexicon;
  return { ...lexicon, phrases: { ...lexicon.phrases, [token]: phrasings } };
}

/** `synonyms.yaml`: the business's shorthand, phrasings and synonym groups (knowledgeLexicon.ts). */
async function loadLexicon(dir: string): Promise<KnowledgeLexiconSpec> {
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(join(dir, 'synonyms.yaml'), 'utf8')) ?? {};
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_LEXICON;
    throw new ValidationError(`${dir}/synonyms.yaml cannot be read`, [String(cause)]);
  }
  const parsed = KnowledgeLexiconSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ValidationError(`${dir}/synonyms.yaml is invalid:\n  - ${issues.join('\n  - ')}`, issues);
  }
  return parsed.data;
}

/** Every passage the consultation section cites must exist, or its statements could not be true. */
function checkConsultationSources(dir: string, business: Business, passages: Passage[]): void {
  if (!business.consultation) return;
  const headings = new Set(passages.map((p) => p.heading.toLowerCase()));
  const missing = citedHeadings(business.consultation).filter((h) => !headings.has(h.toLowerCase()));
  if (missing.length) {
    const issues = [...new Set(missing)].map((h) => `consultation: no passage has the heading "${h}"`);
    throw new ValidationError(`${dir}/business.yaml is invalid:\n  - ${issues.join('\n  - ')}`, issues);
  }
}

export async function loadBusiness(dir: string): Promise<Business> {
  let raw: unknown = {};
  try {
    raw = parseYaml(await readFile(join(dir, 'business.yaml'), 'utf8')) ?? {};
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ValidationError(`${dir}/business.yaml cannot be read`, [String(cause)]);
    }
  }
  const parsed = BusinessSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ValidationError(`${dir}/business.yaml is invalid:\n  - ${issues.join('\n  - ')}`, issues);
  }
  return parsed.data;
}
