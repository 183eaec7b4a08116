/**
 * Builds an outside FAQ evaluation set from the Québec government's COVID-19 FAQ (313 entries) and the
 * crowd paraphrases collected for it on Figure Eight (dialoguemd-archives/covidfaq, MIT; the cleaned
 * derivative is ycemsubakan/covid_chatbot_data, CC BY 4.0 — see test/eval/data/README.md). The data
 * stays outside the repo:
 *
 *   git --git-dir=<covidfaq mirror> show HEAD:covidfaq/data/figure8/collection2/f1571487.csv > SRC/f1571487.csv
 *   git --git-dir=<covidfaq mirror> show HEAD:covidfaq/data/figure8/collection3/f1571615.csv > SRC/f1571615.csv
 *   npx tsx test/eval/convertFaq.ts --source SRC --out OUT
 *
 * Writes OUT/quebec-faq/ (one `##` passage per FAQ entry: heading = its question, body = its answer),
 * OUT/quebec-faq-also/ (the same with up to three "Also asked" phrasings from collection 2, the way an
 * operator adds a few) and OUT/quebec-faq-questions.json (`{ answerable: [{ q, heading }], unanswerable: [] }`,
 * a seeded sample of collection 3's paraphrases). Paraphrases are dropped by fixed rules that never
 * look at retrieval: fewer than three words, the FAQ question itself, text copied from the answer, a
 * repeat, or the same text given for two entries.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { seededRandom } from '../../src/domain/seededRandom.js';

const { values: args } = parseArgs({
  options: {
    source: { type: 'string' },
    out: { type: 'string', default: 'data/eval-faq' },
    max: { type: 'string', default: '1500' },
    seed: { type: 'string', default: '2020' },
  },
});
if (!args.source) throw new Error('--source DIR (holding f1571487.csv and f1571615.csv) is required');

interface Row {
  faq: string;
  answer: string;
  paraphrase: string;
}

async function readCollection(file: string): Promise<Row[]> {
  const [header, ...body] = parse(await readFile(file, 'utf8'), { bom: true, relax_column_count: true }) as string[][];
  const col = (pred: (h: string) => boolean): number => {
    const i = header!.findIndex(pred);
    if (i < 0) throw new Error(`${file}: missing column`);
    return i;
  };
  const q = col((h) => h === 'questions');
  const a = col((h) => h === 'answers');
  const p = col((h) => h.startsWith('write_a_coherent_question') && !h.endsWith('gold'));
  return body.filter((r) => r.length > p).map((r) => ({ faq: oneLine(r[q]!), answer: r[a]!, paraphrase: oneLine(r[p]!) }));
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
const norm = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The answer as a Markdown body: lines trimmed, runs of blank lines made one. */
function body(answer: string): string {
  const lines = answer.split(/\r?\n/).map((l) => l.trim());
  const text = lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  // A line the loader would read as a heading or an "Also asked" list would change the passages.
  if (/^(#|also asked\s*:)/im.test(text)) throw new Error(`answer holds a Markdown heading: ${text.slice(0, 80)}`);
  return text;
}

/** Paraphrases kept by the fixed rules, in file order, as [faq, text]. */
function keptParaphrases(rows: Row[]): [string, string][] {
  const seen = new Set<string>();
  const faqsOf = new Map<string, Set<string>>();
  const kept: [string, string][] = [];
  for (const r of rows) {
    const n = norm(r.paraphrase);
    if (n.split(' ').length < 3 || n === norm(r.faq) || norm(r.answer).includes(n)) continue;
    faqsOf.set(n, (faqsOf.get(n) ?? new Set()).add(r.faq));
    if (seen.has(`${r.faq}\u0000${n}`)) continue;
    seen.add(`${r.faq}\u0000${n}`);
    kept.push([r.faq, r.paraphrase]);
  }
  return kept.filter(([, q]) => faqsOf.get(norm(q))!.size === 1);
}

function sample<T>(items: T[], n: number, seed: number): T[] {
  const random = seededRandom(seed);
  const order = items.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order
    .slice(0, n)
    .sort((x, y) => x - y)
    .map((i) => items[i]!);
}

async function writeKnowledge(dir: string, entries: { faq: string; answer: string; also: string[] }[]): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const perFile = Math.ceil(entries.length / 4);
  for (let f = 0; f * perFile < entries.length; f++) {
    const title = `Coronavirus (COVID-19) questions and answers, part ${f + 1}`;
    const sections = entries.slice(f * perFile, (f + 1) * perFile).map((e) => {
      const also = e.also.length ? `\n\nAlso asked: ${e.also.map((a) => a.replace(/[;|]/g, ',')).join('; ')}` : '';
      return `## ${e.faq}\n\n${body(e.answer)}${also}\n`;
    });
    await writeFile(join(dir, `faq-${f + 1}.md`), `---\ntitle: ${title}\n---\n\n# ${title}\n\n${sections.join('\n')}`);
  }
}

const source = resolve(args.source);
const c2 = await readCollection(join(source, 'f1571487.csv'));
const c3 = await readCollection(join(source, 'f1571615.csv'));
const answers = new Map<string, string>();
for (const r of [...c3, ...c2]) if (!answers.has(r.faq)) answers.set(r.faq, r.answer);
for (const faq of answers.keys())
  if (/#\s*$/.test(faq) || faq.includes('\n')) throw new Error(`heading the loader would change: ${faq}`);
if (new Set([...answers.keys()].map((h) => h.toLowerCase())).size !== answers.size) throw new Error('headings repeat');

const questions = sample(keptParaphrases(c3), Number(args.max), Number(args.seed));
const asked = new Set(questions.map(([, q]) => norm(q)));
const also = new Map<string, string[]>();
for (const [faq, q] of keptParaphrases(c2))
  if (!asked.has(norm(q)) && (also.get(faq)?.length ?? 0) < 3) also.set(faq, [...(also.get(faq) ?? []), q]);

const out = resolve(args.out);
const entries = [...answers].map(([faq, answer]) => ({ faq, answer, also: also.get(faq) ?? [] }));
await writeKnowledge(
  join(out, 'quebec-faq'),
  entries.map((e) => ({ ...e, also: [] })),
);
await writeKnowledge(join(out, 'quebec-faq-also'), entries);
const file = {
  answerable: questions.map(([heading, q]) => ({ q, heading })),
  unanswerable: [] as string[],
};
await writeFile(join(out, 'quebec-faq-questions.json'), `${JSON.stringify(file, null, 1)}\n`);
console.log(
  `${entries.length} entries · ${keptParaphrases(c3).length} of ${c3.length} collection-3 paraphrases kept, ${questions.length} sampled · ` +
    `${[...also.values()].reduce((n, a) => n + a.length, 0)} "Also asked" phrasings from collection 2 (${c2.length} rows) → ${out}`,
);
