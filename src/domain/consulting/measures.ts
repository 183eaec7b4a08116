/**
 * Consulting's own entities, which the understanding layer does not read: a person's height
 * ("5'10\"", "5 ft 10", "178 cm", "1.78 m") in centimetres, and an age ("7 years old", "aged 9").
 */
import { NUMBER_SOURCE, numberValue } from '../understanding/numberWords.js';

const FEET = /(?<![\d.])([4-7])\s*(?:'|’|ft\.?|feet|foot)\s*(?:(\d{1,2})\s*(?:"|”|''|in\.?|inches?)?)?(?![\d])/i;
const CM = /(?<![\d.])(1[0-9]{2}|[5-9][0-9])\s*cm\b/i;
const METRES = /(?<![\d.])([12])[.,](\d{2})\s*m\b/i;

/** A height in centimetres, with the words it was said in. */
export function extractHeight(text: string): { cm: number; text: string } | undefined {
  const feet = FEET.exec(text);
  if (feet) {
    const inches = Number(feet[1]) * 12 + (feet[2] ? Number(feet[2]) : 0);
    if (feet[2] && Number(feet[2]) > 11) return undefined;
    return { cm: Math.round(inches * 2.54), text: feet[0].trim() };
  }
  const cm = CM.exec(text);
  if (cm) return { cm: Number(cm[1]), text: cm[0].trim() };
  const m = METRES.exec(text);
  if (m) return { cm: Number(m[1]) * 100 + Number(m[2]), text: m[0].trim() };
  return undefined;
}

const AGE = [
  new RegExp(`\\b(${NUMBER_SOURCE})[\\s-]*(?:(?:years?|yrs?)[\\s-]*old|yo)\\b`, 'i'),
  new RegExp(`\\b(?:aged?|age of)\\s+(${NUMBER_SOURCE})\\b`, 'i'),
  // "he's 9", "my daughter is nine", "she just turned 7": a person and a number with no unit after it.
  new RegExp(
    `\\b(?:he|she|they|hes|shes|theyre|(?:son|daughter|kid|child|boy|girl|grandson|granddaughter|nephew|niece)(?:\\s+is)?)(?:'s|’s|\\s+is|\\s+are|'re)?\\s+(?:just\\s+)?(?:turned\\s+|turning\\s+)?(${NUMBER_SOURCE})\\b(?!\\s*(?:cm|m\\b|ft|foot|feet|in\\b|inch|kg|lb|%|\\$|people|guests|kids))`,
    'i',
  ),
];

/** An age in years (0–120), with the words it was said in. */
export function extractAge(text: string): { years: number; text: string } | undefined {
  for (const re of AGE) {
    const m = re.exec(text);
    const n = m?.[1] ? numberValue(m[1]) : undefined;
    if (m && n !== undefined && n > 0 && n <= 120) return { years: n, text: m[0].trim() };
  }
  return undefined;
}
