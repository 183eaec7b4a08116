/**
 * Words that follow "I'm", "this is", "call me" or precede "here" without being a name. Lower case.
 * Grown from real phrasings; add to it rather than loosening the name patterns.
 */
/** The words that build sentences: articles, adverbs of degree, prepositions, pronouns, auxiliaries. */
const GRAMMAR = `
a an the and or but so just only not no yes very really quite pretty too also still even actually
about after around at by for from in into of off on onto out over to under up upon with within without
here there this that these those it its is was be been being am are were will would can could shall should
me my mine you your yours he him his she her they them their we us our who what when where which why how
i im ive id ill if then than as like because since while until till whether
`;

const WORDS = `${GRAMMAR}
looking interested wondering hoping trying going planning thinking calling ringing writing messaging
chatting asking enquiring inquiring searching browsing shopping ordering buying getting having needing
wanting after keen curious sure unsure confused lost new back ready done busy sorry glad happy sad
fine good great ok okay okey alright well awesome amazing perfect lovely nice cool fantastic excellent
wonderful brilliant terrible awful bad worse worst best better helpful useful urgent important serious
hungry tired excited thrilled stressed worried nervous scared afraid annoyed upset frustrated disappointed
allergic vegan vegetarian gluten coeliac celiac diabetic pregnant lactose dairy nut free available away
home out around nearby local calling celebrating organising organizing hosting throwing making
gonna wanna gotta kinda sorta afraid sick late early open closed
tomorrow today tonight yesterday now later soon asap morning afternoon evening night arvo weekend week
next last coming following month year sometime anytime whenever straight immediately right
half quarter noon midday lunch lunchtime
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
please pls plz thanks thank thx cheers hello hi hey bye goodbye
maybe probably definitely certainly absolutely totally literally currently simply finally basically
order price prices question help person human agent someone
somebody anyone anybody everyone nobody none all both each either neither every some any other another
more most less least much many few lot lots bit kind sort one two three four five six seven eight nine ten
mum mom dad mother father wife husband partner friend boss customer client owner manager staff team
what's whats thats its'
`;

export const NAME_STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));

/** The stop words that make sentences (a name may still hold one, written as a name: "My Le"). */
export const GRAMMAR_WORDS: ReadonlySet<string> = new Set(GRAMMAR.split(/\s+/).filter(Boolean));
