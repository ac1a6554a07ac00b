import { EM_CLOSE, EM_OPEN, STRONG_CLOSE, STRONG_OPEN } from './markup-markers.js';

// In German the salutation ends with a comma and the letter continues the same sentence, so its first
// word is written in lower case ("Sehr geehrter Herr Minister, / ich schreibe Ihnen ..."). Only words
// capitalized because they start a sentence may be lowered: nouns, names and the polite "Sie", "Ihnen",
// "Ihr" keep their capital. Hence a list of function words rather than a rule; a word not listed keeps
// its capital, which is at worst a style slip and never a spelling mistake.
const GERMAN_FUNCTION_WORDS = [
  'ich wir es er man mich mir uns',
  'der die das den dem des ein eine einen einem einer eines',
  'dieser diese dieses diesen diesem mein meine meinen meinem meiner unser unsere unseren unserem unserer',
  'mit in im am an auf aus bei nach seit von vom vor zu zum zur für über unter gegen durch ohne um',
  'trotz während wegen laut gemäß angesichts bezüglich hinsichtlich',
  'als wie da dass daher deshalb denn doch jedoch aber und oder sowie obwohl weil wenn falls nachdem',
  'seitdem bevor indem hiermit heute gestern derzeit zurzeit bereits auch leider besonders insbesondere',
  'zudem außerdem ferner erneut bitte gerne gern alle viele einige mehrere so nun jetzt hier dort',
  'was welche welcher welches nicht kein keine keinen erst zunächst zuerst',
].join(' ');

const FUNCTION_WORDS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['de', new Set(GERMAN_FUNCTION_WORDS.split(' '))],
]);

const LEADING_NON_WORD = new RegExp(`^[\\s${STRONG_OPEN}${STRONG_CLOSE}${EM_OPEN}${EM_CLOSE}]*`, 'u');

/** Lower-cases the first word of the text after a salutation where the language continues the sentence. */
export function lowercaseAfterSalutation(text: string, language: string): string {
  const words = FUNCTION_WORDS.get(language.split('-')[0]?.toLowerCase() ?? '');
  if (words === undefined) return text;
  const start = LEADING_NON_WORD.exec(text)?.[0].length ?? 0;
  const word = /^\p{L}+/u.exec(text.slice(start))?.[0];
  if (word === undefined) return text;
  const lower = word.toLowerCase();
  const capitalized = word === lower.charAt(0).toUpperCase() + lower.slice(1);
  if (!capitalized || !words.has(lower)) return text;
  return text.slice(0, start) + lower + text.slice(start + word.length);
}
