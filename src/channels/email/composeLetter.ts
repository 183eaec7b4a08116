/**
 * One reply letter from the answers to each request of a customer's letter: a greeting, each
 * request quoted before its answer (when there is more than one), and the business's sign-off —
 * as Markdown for the HTML body (markdown-it, no raw HTML passed through) and as plain text.
 */
import MarkdownIt from 'markdown-it';
import { stripMarkdown } from '../render/markdown.js';
import { letterCopy } from './letterCopy.js';

export interface AnsweredRequest {
  request: string;
  replies: string[];
  /** The last thing said to this request is a yes/no question. */
  asksYesNo?: boolean;
}

export interface ComposedLetter {
  text: string;
  html: string;
}

const md = new MarkdownIt({ html: false, linkify: true, breaks: true });
const QUOTE_MAX = 300;

const quote = (request: string): string => {
  const cut = request.length > QUOTE_MAX ? `${request.slice(0, QUOTE_MAX).replace(/\s+\S*$/, '')} …` : request;
  return `> ${cut.replace(/\n/g, ' ')}`;
};

export function composeLetter(
  answers: AnsweredRequest[],
  options: { name?: string; from: string; rest?: boolean },
): ComposedLetter {
  const quoted = answers.filter((a) => a.replies.length).length > 1;
  const answered = answers.filter((a) => a.replies.length);
  const lastYesNo = answered.findLastIndex((a) => a.asksYesNo);
  const sections = answered.map((a, i) => ({
    quote: quoted ? quote(a.request) : undefined,
    body: [...a.replies, ...(i === lastYesNo ? [letterCopy.replyYesNo()] : [])].join('\n\n'),
  }));
  if (options.rest) sections.push({ quote: undefined, body: letterCopy.rest() });

  const greeting = letterCopy.greeting(options.name);
  const signOff = letterCopy.signOff(options.from);
  const markdown = [greeting, ...sections.flatMap((s) => (s.quote ? [s.quote, s.body] : [s.body])), signOff].join('\n\n');
  const text = [
    greeting,
    ...sections.flatMap((s) => (s.quote ? [s.quote, stripMarkdown(s.body)] : [stripMarkdown(s.body)])),
    signOff,
  ].join('\n\n');
  const html = `<!doctype html>\n<html><body>\n${md.render(markdown)}</body></html>\n`;
  return { text, html };
}
