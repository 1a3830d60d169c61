/** What people write when they ask for something, shared by the deadline and request rules. */

/** Asks the reader to do something. */
export const ASK =
  /\b(?:can you|could you|would you|will you|can we|are you able to|do you have|please (?:review|approve|sign|confirm|send|let me know|advise|reply|respond|check|take a look|update|fill|share|complete|submit|call)|let me know|what do you think|need your|(?:i|we) need you to|need you to|your (?:approval|input|feedback|sign-?off|thoughts)|action required|awaiting your|waiting (?:for|on) you)\b/;

/** A question mark that ends a sentence, not one inside a URL. */
export const QUESTION = /\?(?:\s|$)/;

/** Asks for something, in the imperative or as a need: "send", "please sign", "I need the deck". */
export const NEEDS =
  /\b(?:please|pls|kindly|need(?:ed|s)?|call (?:me|my)|must|have to|make sure|send|submit|sign|approve|review|confirm|decide|reply|respond|get back|deliver|finish|complete|fix|request|require[ds]?|por favor|necesit\w*|bitte|brauch\w*|s'il vous pla[iî]t|besoin|per favore|serve|graag|nodig|preciso|precisamos)\b|请|需要/;

/** The sender says nothing is needed: "no action needed", "no rush", "never mind", "FYI only". */
export const NO_ASK =
  /\b(?:no action (?:is )?(?:needed|required)|nothing (?:is )?needed|no need to (?:reply|respond|do anything|act)|no rush|no hurry|whenever (?:you have|works|is convenient)|never ?mind|for (?:your )?(?:awareness|info(?:rmation)?|visibility|reference) only|fyi only|just fyi|fyi(?=[,.:])|already (?:handled|sorted|done|fixed|taken care of)|all sorted)\b/;
