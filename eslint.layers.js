/**
 * The one-way line of the house, as a lint rule: server → bot → dialogs → domain ← adapters, with
 * channels and the staff side at the edge, wired only by the composition root. Each relative import
 * is resolved to the layer of the file it names; an import that runs against the line is an error.
 */
import { dirname, relative, resolve } from 'node:path';

const ROOT = import.meta.dirname;

/** The layer of a repository file, by its path; undefined for files outside the layered code. */
function layerOf(file) {
  const path = relative(ROOT, file).split('\\').join('/');
  if (/^src\/(app|container|staffServices|domainServices|main)\.ts$/.test(path) || /^src\/staff\/(cli|demoData)\.ts$/.test(path))
    return 'root';
  if (path.startsWith('src/domain/')) return 'domain';
  if (path.startsWith('dialogs/')) return 'dialogs';
  if (path.startsWith('src/bot/')) return 'bot';
  if (path.startsWith('src/channels/')) return 'channels';
  if (path.startsWith('src/staff/')) return 'staff';
  if (/^src\/(stores|knowledge|llm)\//.test(path)) return 'adapters';
  if (/^src\/(config|logger)\.ts$/.test(path)) return 'config';
  if (path === 'src/server.ts') return 'edge';
  return undefined;
}

/** Which layers each layer may import (besides itself). */
const ALLOWED = {
  domain: [],
  dialogs: ['domain'],
  bot: ['dialogs', 'domain', 'config'],
  adapters: ['domain', 'config'],
  channels: ['bot', 'domain', 'config'],
  staff: ['domain', 'config'],
  edge: ['bot', 'domain', 'config'],
  // Configuration may take its defaults from the adapters they tune (the calibrated threshold).
  config: ['domain', 'adapters'],
  root: ['domain', 'dialogs', 'bot', 'adapters', 'channels', 'staff', 'edge', 'config'],
};

/** Packages no file of a layer may import. */
const FORBIDDEN_PACKAGES = {
  domain: /^(botbuilder|botframework|restify|pg$|lowdb|openai|node:(fs|http|https|net|child_process|worker_threads))/,
  dialogs: /^(restify|pg$|lowdb|openai|node:(fs|http|https|net|child_process))/,
};

export const layersPlugin = {
  rules: {
    'one-way': {
      meta: {
        type: 'problem',
        messages: {
          against: '{{from}} may not import {{to}} ({{what}}): imports run server → bot → dialogs → domain ← adapters',
        },
      },
      create(context) {
        const from = layerOf(context.filename);
        if (!from) return {};
        const check = (node, source) => {
          if (typeof source !== 'string') return;
          if (!source.startsWith('.')) {
            const banned = FORBIDDEN_PACKAGES[from];
            if (banned && banned.test(source))
              context.report({ node, messageId: 'against', data: { from, to: 'the package', what: source } });
            return;
          }
          const target = resolve(dirname(context.filename), source).replace(/\.js$/, '.ts');
          const to = layerOf(target);
          if (!to || to === from || ALLOWED[from].includes(to)) return;
          context.report({ node, messageId: 'against', data: { from, to, what: source } });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
        };
      },
    },
  },
};
