/**
 * What customers get, not what the retriever ranks: every question of the shops' sets asked of the
 * real bot over /api/messages (one new webchat conversation each), and the reply read as a customer
 * reads it — answered from the expected passage (its heading among the reply's "Source:" lines),
 * answered from the opening hours of business.yaml (the day asked about, "We're closed on Sunday 6
 * December": counted apart, it is often the right answer), answered from another passage, "I don't know", or taken elsewhere (a booking, a consultation, a question
 * back). The retriever-only figures of `npm run eval` leave out what the dialogs add (several
 * questions in one message, clauses that ask nothing, follow-ups); this measures the whole path.
 *
 *   npx tsx test/eval/throughBot.ts [--split dev|test|all] [--verbose]   (EMBEDDINGS=off|local, default local;
 *   WRAP="for my daughter's party, {q}" asks each question inside that text)
 */
import { parseArgs } from 'node:util';
import { loadKnowledge } from '../../src/knowledge/markdownLoader.js';
import { startTestBot } from '../support/testBot.js';
import { copy } from '../../dialogs/copy.js';
import { extraOutOfScope, freshSets, outOfScopeSets, ownSets, splitOutOfScope, splitSet, type EvalSet } from './evalSets.js';
import { inSplit, type Split } from './split.js';

const { values } = parseArgs({
  options: { split: { type: 'string', default: 'test' }, verbose: { type: 'boolean', default: false } },
});
const split = values.split as Split | 'all';
process.env.TEST_EMBEDDINGS = (process.env.EMBEDDINGS ?? 'local') === 'off' ? 'off' : 'local';
const UNKNOWN = new RegExp(
  [copy.unknownNoOffer(), copy.unknownPart()].map((t) => t.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
);
const HWU_SAMPLE = 200;
/** Every question asked inside this text (WRAP="for my daughter's party, {q}"): how context around it changes the reply. */
const WRAP = process.env.WRAP ?? '{q}';

type Outcome = 'right' | 'hours' | 'other passage' | "don't know" | 'elsewhere';

const sets = [...(await ownSets()), ...(await freshSets())].map((s) => splitSet(s, split));
const oos = await outOfScopeSets();
const clinc = oos ? splitOutOfScope(oos, split).outOfScope : [];
const hwu = inSplit((await extraOutOfScope()) ?? [], split === 'all' ? 'test' : split, (q) => q).slice(0, HWU_SAMPLE);
console.log(`through the bot · sentence model ${process.env.TEST_EMBEDDINGS} · split ${split}`);
const bots = new Map<string, Awaited<ReturnType<typeof startTestBot>>>();
for (const set of sets) {
  let bot = bots.get(set.knowledgeDir);
  if (!bot) {
    bot = await startTestBot({ env: { KNOWLEDGE_DIR: set.knowledgeDir } });
    await bot.app.sentenceModel;
    bots.set(set.knowledgeDir, bot);
  }
  await report(set, bot);
}
for (const bot of bots.values()) await bot.stop();
process.exit(0);

async function report(set: EvalSet, bot: Awaited<ReturnType<typeof startTestBot>>): Promise<void> {
  const { passages } = await loadKnowledge(set.knowledgeDir);
  const heading = new Map(passages.map((p) => [p.id, p.heading]));
  const headings = new Set(heading.values());
  const ask = async (q: string): Promise<{ sources: string[]; unknown: boolean; text: string }> => {
    const replies = await bot.conversation({ channelId: 'webchat' }).say(WRAP.replace('{q}', q));
    const text = replies.map((r) => r.text ?? '').join('\n');
    const sources = [...text.matchAll(/^Sources?: (.+)$/gm)].flatMap((m) =>
      m[1]!.split(/; /).map((s) => s.split(' — ')[0]!.trim()),
    );
    return { sources, unknown: UNKNOWN.test(text), text };
  };
  const counts = new Map<Outcome, number>();
  const misses: string[] = [];
  for (const { q, passage } of set.answerable) {
    const want = heading.get(passage) ?? passage;
    const got = await ask(q);
    const outcome: Outcome = got.sources.includes(want)
      ? 'right'
      : got.sources.length > 0 && got.sources.every((s) => !headings.has(s) && / opening hours$/.test(s))
        ? 'hours'
        : got.sources.length > 0
          ? 'other passage'
          : got.unknown
            ? "don't know"
            : 'elsewhere';
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    if (outcome !== 'right')
      misses.push(
        `  ${outcome.padEnd(13)} ${q}\n      want ${want}; got ${got.sources.join('; ') || got.text.slice(0, 90).replace(/\n/g, ' ')}`,
      );
  }
  const refused = async (qs: readonly string[]): Promise<{ rate: number; answered: string[] }> => {
    const answered: string[] = [];
    for (const q of qs) {
      const got = await ask(q);
      if (got.sources.length > 0) answered.push(`  answered      ${q}\n      with ${got.sources.join('; ')}`);
    }
    return { rate: qs.length === 0 ? NaN : 1 - answered.length / qs.length, answered };
  };
  const own = await refused(set.unanswerable);
  const outOfScope = await refused([...clinc, ...hwu]);
  const n = set.answerable.length;
  const share = (o: Outcome): string => ((counts.get(o) ?? 0) / n).toFixed(3);
  console.log(
    `[${set.name}] ${n} answerable: right ${share('right')}, opening hours from business.yaml ${share('hours')}, other passage ${share('other passage')}, don't know ${share("don't know")}, elsewhere ${share('elsewhere')}` +
      ` · not answered from a passage: own unanswerable ${own.rate.toFixed(3)} (${set.unanswerable.length}), out-of-scope ${outOfScope.rate.toFixed(3)} (${clinc.length} CLINC150 + ${hwu.length} HWU64)`,
  );
  if (values.verbose) for (const line of [...misses, ...own.answered, ...outOfScope.answered]) console.log(line);
}
