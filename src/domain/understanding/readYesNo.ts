/**
 * Reads a yes or a no the way botbuilder's ConfirmPrompt does (Recognizers-Text's boolean model),
 * extended with what customers write: "y", "yep", "nah", "not now", "go for it", "👍", "👎", and the
 * Australian "yeah nah" (no) and "nah yeah" (yes), where the last word of the run decides. A question
 * or a hedge ("maybe", "what is this for?") is neither.
 */
import { ChoiceRecognizer, Culture, EnglishBooleanExtractorConfiguration } from '@microsoft/recognizers-text-choice';

type Model = ReturnType<ChoiceRecognizer['getBooleanModel']>;
// Built once: recognizeBoolean() builds a recognizer with every culture's models on each call.
let model: Model | undefined;
const booleanModel = (): Model =>
  (model ??= new ChoiceRecognizer(Culture.English, undefined, true).getBooleanModel(Culture.English));

/**
 * The English boolean model's own patterns (its extractor matches these, then tokenises the text
 * grapheme by grapheme to score each match). A text none of them matches gets no reading from the
 * model, so it is told without the model's tokenising — tens of microseconds on every short message
 * that is no yes or no ("a birthday order"). Only for ASCII text: the model lowercases the text and
 * strips diacritics at word boundaries, and the latter leaves ASCII text as it is.
 */
const MODEL_PATTERNS = ((): RegExp[] => {
  const english = new EnglishBooleanExtractorConfiguration();
  return [english.regexTrue, english.regexFalse].map((r) => new RegExp(r.source, r.flags.replace('g', '')));
})();
const ASCII = /^[\p{ASCII}]*$/u;
const modelMayRead = (text: string): boolean => {
  if (!ASCII.test(text)) return true;
  const lower = text.toLowerCase();
  return MODEL_PATTERNS.some((pattern) => pattern.test(lower));
};

const POLAR: Record<string, boolean> = {
  yes: true,
  yeah: true,
  yep: true,
  yup: true,
  yea: true,
  ya: true,
  yas: true,
  y: true,
  yess: true,
  yesss: true,
  no: false,
  nah: false,
  na: false,
  nope: false,
  n: false,
};
const RUN = /^\s*((?:(?:yes+|yeah|yep|yup|yea|ya|yas|y|no|nah|na|nope|n)\b[\s,.!]*)+)/i;
const HEDGE =
  /^\s*(?:maybe|perhaps|possibly|hmm+|um+|let me think|not sure|unsure|dunno|i don'?t know|depends|what|how|who|why|when|where|which|can i|could you|is it|do you)\b/i;
const NO =
  /(?:👎|❌|🚫|\b(?:don'?t|do not|dont|rather not|not now|not really|not today|not yet|not interested|not quite|not (?:ok|okay|good|fine|right|correct|happy)|no way|no thanks?|no thank you|never|incorrect|wrong|negative|decline|disagree|leave it|not for me|i'?ll pass|pass)\b)/i;
const YES =
  /(?:👍|✅|👌|🙂|😊|\b(?:ok|okay|k|kk|okey dokey|sure|of course|absolutely|definitely|certainly|correct|right|all good|looks good|sounds (?:good|great|fine|perfect|lovely)|perfect|fine|go ahead|go for it|do it|please do|agreed?|i consent|consent|confirm(?:ed)?|happy with that|that works|works for me|ta|cheers|lovely|great|good|yes please|too easy|no worries|no problem)\b)/i;

export function readYesNo(text: string): boolean | undefined {
  const t = text.trim().toLowerCase().replace(/[’‘]/g, "'");
  if (!t) return undefined;
  const run = RUN.exec(t);
  if (run) {
    const words = run[1]!.match(/[a-z]+/g) ?? [];
    const last = POLAR[words.at(-1)!];
    // "no, don't store my details" and "yes, I agree" keep the run's answer.
    if (last !== undefined) return last;
  }
  if (HEDGE.test(t)) return undefined;
  if (NO.test(t)) return false;
  if (YES.test(t)) return true;
  if (!modelMayRead(text)) return undefined;
  try {
    const found = booleanModel().parse(text);
    const value = (found[0]?.resolution as { value?: boolean } | undefined)?.value;
    if (typeof value === 'boolean') return value;
  } catch {
    // A recognizer failure is an answer we did not read, not a crash.
  }
  return undefined;
}
