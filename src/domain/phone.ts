/** Phone numbers as people read them: national format at home, international abroad. */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export function formatPhone(e164: string, region: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === region.toUpperCase() ? parsed.formatNational() : parsed.formatInternational();
}

/** The E.164 form of a number written in any common way, or undefined when it is not a valid number. */
export function toE164(text: string, region: string): string | undefined {
  const parsed = parsePhoneNumberFromString(text, region.toUpperCase() as CountryCode);
  return parsed?.isValid() ? parsed.number : undefined;
}
