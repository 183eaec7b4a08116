/**
 * What the e-mail channel itself writes around the dialogs' answers: the greeting, the sign-off,
 * the subject, and the sentences for parts of a letter it could not take. Plain sentences.
 */
export const letterCopy = {
  greeting: (name?: string): string => (name ? `Hello ${name},` : 'Hello,'),
  signOff: (from: string): string => `Kind regards,\n${from}`,
  subject: (subject: string): string =>
    /^re:/i.test(subject.trim()) ? subject.trim() : `Re: ${subject.trim() || 'your letter'}`,
  /** After a yes/no question: how to answer it by letter. */
  replyYesNo: (): string => `Just reply to this e-mail with "yes" or "no".`,
  /** A part whose turn failed: said, not hidden. */
  partFailed: (): string => `I couldn't answer this part myself; a person from our team will read it and reply.`,
  /** A letter with more requests than one reply takes. */
  rest: (): string => `Your letter asks more than I can answer in one reply; a person from our team will read the rest.`,
};

/** The first name of a display name, when it looks like a person's name (not an address or a team). */
export function firstNameOf(displayName: string | undefined): string | undefined {
  const first = displayName
    ?.replace(/["']/g, '')
    .trim()
    .split(/[\s,]+/)[0];
  if (!first || first.includes('@') || !/^\p{Lu}[\p{L}'-]{1,30}$/u.test(first)) return undefined;
  return first;
}
