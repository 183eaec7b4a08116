/**
 * Renders one outgoing activity for a channel, from the channel's capabilities: choices as buttons,
 * numbered text or prose; cards as text where they cannot be shown; Markdown kept, converted or
 * stripped; long texts split; speech and input hints for voice.
 */
import type { Activity, Attachment, CardAction } from 'botbuilder';
import type { ChannelCapabilities } from '../capabilities.js';
import { choicesOf, numberedChoices, spokenChoices, type OfferedChoice } from './choices.js';
import { renderMarkdown } from './markdown.js';
import { splitMessage } from './splitMessage.js';
import { inputHintFor, toSsml, type VoiceOptions } from './ssml.js';

export interface Rendered {
  activities: Partial<Activity>[];
  /** Choices turned into text: a reply naming one of them should be read as its value. */
  offered?: OfferedChoice[];
}

const CARD_TYPES = new Set(['application/vnd.microsoft.card.hero', 'application/vnd.microsoft.card.thumbnail']);

interface HeroCard {
  title?: string;
  subtitle?: string;
  text?: string;
  buttons?: CardAction[];
}

export function renderActivity(activity: Partial<Activity>, caps: ChannelCapabilities, voice: VoiceOptions): Rendered {
  if (activity.type !== 'message') return { activities: [activity] };
  let text = activity.text ?? '';
  let actions = activity.suggestedActions?.actions ?? [];
  let attachments = activity.attachments;

  if (!caps.cards && attachments?.length) {
    const kept: Attachment[] = [];
    for (const attachment of attachments) {
      if (CARD_TYPES.has(attachment.contentType)) {
        const card = (attachment.content ?? {}) as HeroCard;
        text = [text, card.title, card.subtitle, card.text].filter((t) => t && t.trim()).join('\n\n');
        actions = [...actions, ...(card.buttons ?? [])];
      } else if (attachment.contentType.startsWith('application/vnd.microsoft.card.')) {
        const fallback = (attachment.content as { fallbackText?: string } | undefined)?.fallbackText;
        if (fallback) text = [text, fallback].filter(Boolean).join('\n\n');
      } else kept.push(attachment);
    }
    attachments = kept.length ? kept : undefined;
  }

  let offered: OfferedChoice[] | undefined;
  let suggestedActions = activity.suggestedActions;
  if (actions.length && !caps.buttons) {
    offered = choicesOf(actions);
    suggestedActions = undefined;
    // A yes/no question needs no list of its answers when they cannot be tapped; "2" still means No.
    if (offered.length && !isYesNo(offered)) {
      text = caps.speech ? `${text} ${spokenChoices(offered)}`.trim() : `${text}\n\n${numberedChoices(offered)}`.trim();
    }
  } else if (actions.length) {
    suggestedActions = { to: activity.suggestedActions?.to ?? [], actions };
  }

  text = renderMarkdown(text, caps.markdown);
  const pieces = text ? splitMessage(text, caps.maxLength) : [''];
  const activities = pieces.map((piece, i): Partial<Activity> => {
    const last = i === pieces.length - 1;
    const out: Partial<Activity> = { ...activity, text: piece || activity.text };
    if (!last || !suggestedActions) delete out.suggestedActions;
    else out.suggestedActions = suggestedActions;
    if (!last || !attachments) delete out.attachments;
    else out.attachments = attachments;
    if (caps.speech) {
      const own = pieces.length === 1 && activity.speak && !activity.speak.trim().startsWith('<') ? activity.speak : undefined;
      out.speak = activity.speak?.trim().startsWith('<speak') ? activity.speak : toSsml(own ?? piece, voice);
      out.inputHint =
        activity.inputHint === 'ignoringInput' || activity.inputHint === 'expectingInput'
          ? activity.inputHint
          : inputHintFor(piece);
      if (!last && out.inputHint === 'expectingInput') out.inputHint = 'acceptingInput';
    }
    return out;
  });
  return { activities, offered };
}

function isYesNo(choices: readonly OfferedChoice[]): boolean {
  const titles = choices.map((c) => c.title.trim().toLowerCase()).sort();
  return titles.length === 2 && titles[0] === 'no' && titles[1] === 'yes';
}
