/**
 * What the benchmark's customers say. Each workload is a script per conversation (so bookings can
 * give each customer their own name and phone number) and, for the full bot, a check of the reply
 * to the last step, so a run that stops answering properly does not pass for a fast one.
 */
import { knowledgeVaried } from './variedQuestions.js';

export type WorkloadName = 'knowledge' | 'booking' | 'knowledge-varied';

export interface Workload {
  name: WorkloadName;
  /** Turns per conversation, the join included. */
  turns: number;
  script(n: number): Record<string, unknown>[];
  /** What the full bot's reply to the last step must match (the echo bot only echoes). */
  done: RegExp;
}

const join = { type: 'conversationUpdate', membersAdded: [{ id: 'customer' }, { id: 'bot' }] };
const say = (text: string): Record<string, unknown> => ({ type: 'message', text });

const QUESTIONS = [
  'how much is the large celebration cake?',
  'do you deliver to Bondi?',
  'what are your opening hours?',
  'is the gluten free cake safe for coeliacs?',
  'how far ahead do I need to order?',
  'can I pay by card?',
  'do you make vegan cupcakes?',
  'what if I need to cancel my order?',
];

/** The join, then eight of the sample business's customers' questions. */
export const knowledge: Workload = {
  name: 'knowledge',
  turns: 1 + QUESTIONS.length,
  script: () => [join, ...QUESTIONS.map(say)],
  // Every question of the script is answerable from the sample knowledge: the last one is about cancelling.
  done: /cancel/i,
};

const NAMES = ['Dana', 'Sam', 'Alex', 'Priya', 'Jordan', 'Mei', 'Tom', 'Aisha'];
const TOPICS = ['a birthday order', 'a wedding order', 'an office party', 'a large order'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A weekday at least two days ahead (never a weekend), as "Wednesday 3 December". */
function bookableDay(now = new Date()): string {
  const day = new Date(now.getTime() + 2 * 86_400_000);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  return `${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]}`;
}

/**
 * A whole callback booking in four messages after the join: the request with time, number and
 * name; the topic; yes to the read-back; yes to keeping the details. Each conversation is a new
 * customer with their own mobile number, so the store grows as a real one does.
 */
export const booking: Workload = {
  name: 'booking',
  turns: 5,
  script: (n) => {
    const phone = `04${String(10_000_000 + ((n * 7_919) % 89_999_999)).padStart(8, '0')}`;
    const hour = 10 + (n % 6);
    return [
      join,
      say(
        `call me on ${bookableDay()} at ${hour > 12 ? hour - 12 : hour}${hour >= 12 ? 'pm' : 'am'} on ${phone}, I'm ${NAMES[n % NAMES.length]}`,
      ),
      say(TOPICS[n % TOPICS.length]!),
      say('yes'),
      say('yes'),
    ];
  },
  done: /reference is [A-Z0-9]{6}/,
};

export const workloads: Record<WorkloadName, Workload> = { knowledge, booking, 'knowledge-varied': knowledgeVaried };
