/**
 * Finds a phone number in free text. Candidates are digit runs (with spaces, dashes, dots and
 * brackets) of at least 8 digits, or 6 when written with "+" or a leading 0; dates, times and prices
 * never qualify because "$", ":", "/" and letters around a run break it. A candidate that
 * libphonenumber-js (full metadata) accepts becomes the phone, otherwise it is reported as invalid.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export interface PhoneMatch {
  phone?: { e164: string; raw: string };
  invalidPhone?: string;
  /** Spans the caller should mask so other extractors do not read the digits again. */
  spans: Array<[number, number]>;
}

const CANDIDATE = /(?<![\w$€£.,/:])(?:\+\s?)?\(?\d[\d\s().-]*\d(?![\w/:%$]|[.,]\d)/g;
const DATE_LIKE = /^(?:\d{4}[-.]\d{1,2}[-.]\d{1,2}|\d{1,2}[-.]\d{1,2}[-.]\d{2,4})$/;

export function extractPhone(text: string, region: string): PhoneMatch {
  const result: PhoneMatch = { spans: [] };
  const country = region.toUpperCase() as CountryCode;
  for (const m of text.matchAll(CANDIDATE)) {
    const start = m.index ?? 0;
    const raw = m[0].trim();
    if (DATE_LIKE.test(raw) || !looksLikePhone(raw)) continue;
    const found = bestValidPart(m[0], country);
    if (found) {
      result.phone ??= { e164: found.e164, raw: found.raw };
      result.spans.push([start + found.from, start + found.to]);
    } else {
      result.invalidPhone ??= raw;
      result.spans.push([start, start + m[0].length]);
    }
  }
  if (result.phone) delete result.invalidPhone;
  return result;
}

function looksLikePhone(raw: string): boolean {
  const digits = raw.replace(/\D/g, '').length;
  return digits <= 15 && (digits >= 8 || (digits >= 6 && /^(\+|\(?0)/.test(raw)));
}

/**
 * The longest run of whitespace-separated groups that is a valid number, so that a stray number
 * next to the phone ("2 0412 345 678") does not spoil it.
 */
function bestValidPart(
  candidate: string,
  country: CountryCode,
): { e164: string; raw: string; from: number; to: number } | undefined {
  const groups = [...candidate.matchAll(/\S+/g)].map((g) => ({ from: g.index ?? 0, text: g[0] }));
  for (let size = groups.length; size >= 1; size--) {
    for (let i = 0; i + size <= groups.length; i++) {
      const first = groups[i]!;
      const last = groups[i + size - 1]!;
      const raw = candidate.slice(first.from, last.from + last.text.length);
      if (!looksLikePhone(raw)) continue;
      const parsed = parsePhoneNumberFromString(raw, country);
      if (parsed?.isValid()) return { e164: parsed.number, raw, from: first.from, to: last.from + last.text.length };
    }
  }
  return undefined;
}
