/**
 * A knowledge workload whose questions do not repeat, so that with the sentence model on each one is
 * embedded (the plain `knowledge` workload asks the same eight questions, whose vectors then come
 * from the embedder's cache). The questions are the bakery eval set's (test/eval/bakery.json: the
 * answerable ones and those the knowledge does not answer, as customers write them), taken in turn
 * by a counter of the load process, so runs after the first do not ask them again; once all have been
 * asked, they come back behind an opening ("hi, ", "quick question: ", …) and a closing (" thanks"),
 * which makes a new text for the model. Each conversation: the join, seven of these questions, and the cancelling question whose
 * answer the run checks (or, after a question that started an order, that it stopped it).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const file = JSON.parse(readFileSync(resolve(import.meta.dirname, '../test/eval/bakery.json'), 'utf8')) as {
  answerable: { q: string }[];
  unanswerable?: string[];
};
const POOL = [...file.answerable.map((a) => a.q), ...(file.unanswerable ?? [])];
const OPENINGS = [
  '',
  'hi, ',
  'quick question: ',
  'hello! ',
  'hey, ',
  'sorry, ',
  'one more thing, ',
  'also ',
  'ok and ',
  'hi there, ',
  'good morning, ',
  'just wondering, ',
];
const CLOSINGS = ['', ' thanks', ' please', ' cheers'];
const PER_CONVERSATION = 7;
let asked = 0;

/** The next question not asked before by this process (until the pool × openings × closings run out: 7,248). */
function nextQuestion(): string {
  const n = asked++;
  const variant = Math.floor(n / POOL.length);
  const opening = OPENINGS[variant % OPENINGS.length]!;
  const closing = CLOSINGS[Math.floor(variant / OPENINGS.length) % CLOSINGS.length]!;
  return `${opening}${POOL[n % POOL.length]!}${closing}`;
}

/** Moves this process on to later questions, so that two processes asking them do not ask the same. */
export function skipQuestions(n: number): void {
  asked += n;
}

const join = { type: 'conversationUpdate', membersAdded: [{ id: 'customer' }, { id: 'bot' }] };
const say = (text: string): Record<string, unknown> => ({ type: 'message', text });

/** Typed as a Workload where workloads.ts lists it (no import back, so no cycle). */
export const knowledgeVaried = {
  name: 'knowledge-varied' as const,
  turns: 2 + PER_CONVERSATION,
  script: () => [
    join,
    ...Array.from({ length: PER_CONVERSATION }, () => say(nextQuestion())),
    say('what if I need to cancel my order?'),
  ],
  // Some questions start an order ("a vanilla cake for 10 people, how much"): the cancelling
  // question then stops it, which is right too.
  done: /cancel|stopped that/i,
};
