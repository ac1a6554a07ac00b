import { quoteText } from '../../load/quote-text.js';
import { localizedExactly } from '../../schema/localized.js';
import type { Rule } from '../rule-context.js';

/** Every allowed language has letter content, and every recipient a salutation in it. */
export const letterLanguagesRule: Rule = ({ action, report }) => {
  const [defaultLanguage = 'en'] = action.languages;
  const seen = new Set<string>();
  action.languages.forEach((language, index) => {
    if (seen.has(language)) report(['languages', index], 'rule/duplicate-language', `language "${language}" is listed twice`);
    seen.add(language);
    const content = action.letter[language];
    if (!content) {
      report(['letter'], 'rule/missing-letter', `no letter content for language "${language}" (listed in languages); add letter.${language}`);
    } else if (!content.body && !content.demands) {
      report(['letter', language], 'rule/empty-letter', `letter.${language} needs a body (a model letter), demands, or both`);
    }
  });
  for (const language of Object.keys(action.letter)) {
    if (!seen.has(language)) {
      report(['letter', language], 'rule/unused-letter', `letter content for "${language}" is never used: "${language}" is not in languages`, 'warning');
    }
  }
  for (const group of ['recipients', 'copies'] as const) {
    action[group].forEach((recipient, index) => {
      for (const language of action.languages) {
        if (localizedExactly(recipient.salutation, language, defaultLanguage) === undefined) {
          const where = recipient.salutation === undefined ? [group, index] : [group, index, 'salutation'];
          report(where, 'rule/missing-salutation', `no salutation in "${language}" for ${describeRecipient(recipient)}; add salutation.${language}`);
        }
      }
    });
  }
};

function describeRecipient(recipient: { name?: unknown; title?: unknown; organisation?: unknown }): string {
  const label = [recipient.name, recipient.title, recipient.organisation].find((value) => value !== undefined);
  if (label === undefined) return 'this recipient';
  return quoteText(typeof label === 'string' ? label : String(Object.values(label as Record<string, string>)[0]));
}
