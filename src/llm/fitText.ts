/**
 * Makes model-written text fit the channel: markdown removed where the channel cannot show it, and
 * cut at a sentence boundary to the channel's length. Undefined when not even one sentence fits.
 */
import type { AnswerFit } from '../domain/knowledge/answerComposer.js';

export function fitText(text: string, fit: AnswerFit): string | undefined {
  let out = text
    .replace(/\s*\[(?:P\d+(?:\s*,\s*P\d+)*)\]/g, '')
    .replace(/\s*\((?:P\d+(?:\s*,\s*P\d+)*)\)/g, '')
    .trim();
  if (!fit.markdown) out = stripMarkdown(out);
  if (out.length <= fit.maxChars) return out || undefined;
  const sentences = out.match(/[^.!?]+(?:[.!?]+(?=\s|$)|$)/g) ?? [out];
  let cut = '';
  for (const s of sentences) {
    const next = `${cut}${s}`;
    if (next.trim().length > fit.maxChars) break;
    cut = next;
  }
  return cut.trim() || undefined;
}

function stripMarkdown(text: string): string {
  return text
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(?<![\w*])[*_]([^*_\n]+)[*_](?![\w*])/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s*[-*+]\s+/gm, '')
    .replace(/\n{2,}/g, '\n')
    .trim();
}
