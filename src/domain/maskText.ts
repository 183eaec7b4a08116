/**
 * Contact details masked in text: phone numbers keep their last 3 digits, e-mail addresses their
 * first letter and domain. Pure, so the staff views, the logger and the bot's error log share it.
 */
/** "+61412345678" → "•••••••••678". */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 3) return '•'.repeat(digits.length);
  return '•'.repeat(digits.length - 3) + digits.slice(-3);
}

/** "anna.b@example.com" → "a•••@example.com". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/**
 * A run of 7 or more digits, allowing up to two spaces, dots, dashes or brackets between digits and a leading
 * "+": wide enough for local and international formats, narrow enough to leave dates and prices.
 */
const PHONE = /\+?\(?\d(?:[\s.\-()]{0,2}\d){6,}/g;

/** Dates such as 2025-06-14 or 14.06.2025 match PHONE's shape but are left alone. */
const DATE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})$/;

/** Masks every e-mail address and phone number found in a text. */
export function maskText(text: string): string {
  return text.replace(EMAIL, maskEmail).replace(PHONE, (match) => (DATE.test(match) ? match : maskPhone(match)));
}

/** Masks every string inside a JSON-like value, keys included (used for raw activities and viewer responses). */
export function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskText(value);
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [maskText(k), maskDeep(v)]));
  }
  return value;
}
