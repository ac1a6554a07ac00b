import { quoteText } from '../../load/quote-text.js';
import { POST_LENGTH_LIMITS } from './contact-formats.js';
import type { Rule } from '../rule-context.js';

/** Each person at risk is exactly one of an individual, a group or an organisation. */
export const peopleRule: Rule = ({ action, report }) => {
  action.people.forEach((person, index) => {
    const kinds = (['name', 'group', 'organisation'] as const).filter((key) => person[key] !== undefined);
    if (kinds.length !== 1) {
      report(['people', index], 'rule/person-kind', kinds.length === 0 ? 'give a name, a group or an organisation' : `give only one of ${kinds.join(', ')}`);
    }
    if (person.genders && person.count !== undefined) {
      const total = Object.values(person.genders).reduce((sum, n) => sum + (n ?? 0), 0);
      if (total > person.count) report(['people', index, 'genders'], 'rule/genders-exceed-count', `genders add up to ${total}, more than count ${person.count}`);
    }
    if (person.members && person.count !== undefined && person.members.length > person.count) {
      report(['people', index, 'members'], 'rule/members-exceed-count', `${person.members.length} members listed, more than count ${person.count}`);
    }
  });
};

/** Suggested posts fit the network's length limit. */
export const postsRule: Rule = ({ action, report }) => {
  action.posts.forEach((post, index) => {
    const limit = POST_LENGTH_LIMITS[post.network];
    const length = [...((post.to ? `${post.to} ` : '') + post.text)].length;
    if (limit !== undefined && length > limit) {
      report(['posts', index, 'text'], 'rule/post-too-long', `this ${post.network} post is ${length} characters; the limit is ${limit}`, 'warning');
    }
  });
};

/** The UA number and index look like the ones Amnesty publishes (a warning: styles vary). */
export const identityRule: Rule = ({ action, report }) => {
  if (action.number !== undefined && !/^UA\s*:?\s*\d+([./]\d+)*$/iu.test(action.number)) {
    report(['number'], 'rule/number-style', `${quoteText(action.number)} does not look like a UA number such as "UA 129/10" or "UA 103.22"`, 'warning');
  }
  if (action.index !== undefined && !/^[A-Z]{3}\s?\d{2}\/\d{3,4}\/\d{4}$/u.test(action.index)) {
    report(['index'], 'rule/index-style', `${quoteText(action.index)} does not look like an index such as "EUR 57/004/2010"`, 'warning');
  }
};
