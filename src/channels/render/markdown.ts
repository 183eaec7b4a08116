/**
 * The simple Markdown the dialogs and the knowledge base use (emphasis, links, bullets, headings,
 * code), turned into what a channel can show: kept, Slack's mrkdwn, or plain text.
 */
import type { MarkdownStyle } from '../capabilities.js';

const LINK = /\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g;

/** Plain text: emphasis and code marks dropped, links as "text (url)", bullets as "• ". */
export function stripMarkdown(text: string): string {
  return text
    .replace(LINK, (_m, label: string, url: string) => (label === url ? url : `${label} (${url})`))
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^(\s*)[-*+]\s+/gm, '$1• ')
    .replace(/(\*\*|__)(?=\S)([^*_\n]+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[\s(])[*_](?=\S)([^*_\n]+?)(?<=\S)[*_](?=[\s).,;:!?]|$)/gm, '$1$2')
    .replace(/`{1,3}([^`]*)`{1,3}/g, '$1')
    .replace(/^\s*>\s?/gm, '');
}

/** Slack mrkdwn: *bold*, _italic_, <url|label>. */
export function toSlackMarkdown(text: string): string {
  return text
    .replace(LINK, (_m, label: string, url: string) => `<${url}|${label}>`)
    .replace(/^\s{0,3}#{1,6}\s+(.+)$/gm, '*$1*')
    .replace(/(\*\*|__)(?=\S)([^*_\n]+?)(?<=\S)\1/g, '*$2*');
}

export function renderMarkdown(text: string, style: MarkdownStyle): string {
  if (style === 'markdown') return text;
  if (style === 'slack') return toSlackMarkdown(text);
  return stripMarkdown(text);
}
