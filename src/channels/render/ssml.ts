/**
 * Speech for the telephony channel: a reply's text as well-formed SSML that a listener can follow.
 * Nothing that only makes sense on a screen is spoken (URLs, Markdown, emoji, "Source:" lines);
 * reference codes are spelled out, phone numbers read as telephone numbers and times as times.
 */
import { REFERENCE_ALPHABET, REFERENCE_LENGTH } from '../../domain/schedule/references.js';
import { stripMarkdown } from './markdown.js';
import { lookupTable } from '../../domain/lookupTable.js';

export interface VoiceOptions {
  /** BCP 47 language of the speech, e.g. en-AU. */
  locale: string;
  /** Azure neural voice name, e.g. en-AU-NatashaNeural. */
  voice: string;
}

/** A neural voice for common locales; others fall back to en-US. */
const DEFAULT_VOICES = lookupTable<string>({
  'en-AU': 'en-AU-NatashaNeural',
  'en-US': 'en-US-JennyNeural',
  'en-GB': 'en-GB-SoniaNeural',
  'en-NZ': 'en-NZ-MollyNeural',
  'en-CA': 'en-CA-ClaraNeural',
  'en-IE': 'en-IE-EmilyNeural',
});

export function defaultVoice(locale: string): string {
  return DEFAULT_VOICES[locale] ?? 'en-US-JennyNeural';
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** The words to speak: Markdown, URLs, emoji and layout removed; "Source: …" said briefly. */
export function speechText(text: string): string {
  return (
    stripMarkdown(text)
      .replace(/^\s*Source:\s*(.+)$/gim, (_m, source: string) => `From our ${spokenSource(source)} information.`)
      .replace(/\s*\((?:https?:\/\/|www\.)[^)\s]*\)/gi, '')
      .replace(/\b(?:https?:\/\/|www\.)[^\s<>"]+[^\s<>".,;:!?)]/gi, 'our website')
      .replace(/\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|\u{20E3}/gu, '')
      .replace(/^\s*(?:•|\d+\.)\s+/gm, '')
      .replace(/\s*[–—]\s*(?=\d)/g, ' to ')
      .split(/\n+/)
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      // Each line ends a sentence, so the voice pauses where the screen would break the line.
      .map((line) => (/[.!?:;,]["'”)]*$/.test(line) ? line : `${line}.`))
      .join(' ')
  );
}

/** "Delivery fees — Delivery and pickup" → "delivery and pickup". */
function spokenSource(source: string): string {
  const parts = source.split(/\s+[—–-]\s+/);
  return (parts[parts.length - 1] ?? source).trim().toLowerCase();
}

const REFERENCE = new RegExp(
  `\\b(?=[${REFERENCE_ALPHABET}]*\\d)(?=[${REFERENCE_ALPHABET}]*[A-Z])[${REFERENCE_ALPHABET}]{${REFERENCE_LENGTH}}\\b`,
);
const PHONE = /(?<![\d$])(?:\+\d{1,3}[\s-]?)?(?:\(\d{1,4}\)[\s-]?)?\d(?:[\s-]?\d){7,13}(?![\d%])/;
const TIME_12 = /\b(?:1[0-2]|0?[1-9])(?::[0-5]\d)?\s?(?:am|pm|a\.m\.|p\.m\.)(?![a-z])/i;
const TIME_24 = /\b(?:[01]?\d|2[0-3]):[0-5]\d\b(?!\s?(?:am|pm))/i;

const PATTERNS: { re: RegExp; wrap: (m: string) => string }[] = [
  { re: REFERENCE, wrap: (m) => `<say-as interpret-as="characters">${m}</say-as>` },
  {
    re: PHONE,
    // An ISO date has eight digits too; it is left for the voice to read as a date.
    wrap: (m) => (/^\d{4}-\d{2}-\d{2}$/.test(m) ? m : `<say-as interpret-as="telephone">${escapeXml(m)}</say-as>`),
  },
  { re: TIME_12, wrap: (m) => `<say-as interpret-as="time" format="hms12">${escapeXml(m.replace(/\./g, ''))}</say-as>` },
  { re: TIME_24, wrap: (m) => `<say-as interpret-as="time" format="hms24">${m}</say-as>` },
];

/** Escaped speech with `say-as` around codes, phone numbers and times. */
export function markupSpeech(speech: string): string {
  let out = '';
  let rest = speech;
  while (rest) {
    let best: { index: number; match: string; wrap: (m: string) => string } | undefined;
    for (const { re, wrap } of PATTERNS) {
      const m = re.exec(rest);
      if (m && (!best || m.index < best.index)) best = { index: m.index, match: m[0], wrap };
    }
    if (!best) {
      out += escapeXml(rest);
      break;
    }
    out += escapeXml(rest.slice(0, best.index)) + best.wrap(best.match);
    rest = rest.slice(best.index + best.match.length);
  }
  return out;
}

/** The whole `speak` document for a reply's text. */
export function toSsml(text: string, voice: VoiceOptions): string {
  const lang = escapeXml(voice.locale);
  return (
    `<speak version="1.0" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="${lang}">` +
    `<voice name="${escapeXml(voice.voice)}">${markupSpeech(speechText(text))}</voice></speak>`
  );
}

/** A reply that asks something expects an answer; anything else leaves the line open. */
export function inputHintFor(text: string): 'expectingInput' | 'acceptingInput' {
  return /\?["'”)]*\s*$/.test(text.trim()) ? 'expectingInput' : 'acceptingInput';
}
