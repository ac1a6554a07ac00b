import type { Rule } from '../rule-context.js';

/** The deadline comes after the issue date, and an open action past its deadline is flagged. */
export const datesAndStatusRule: Rule = ({ action, today, report }) => {
  if (action.deadline <= action.issued) {
    report(['deadline'], 'rule/deadline-before-issue', `the deadline ${action.deadline} is not after the issue date ${action.issued}`);
  }
  if (action.status === 'open' && action.deadline < today) {
    report(['deadline'], 'rule/expired', `the deadline ${action.deadline} has passed; set status: closed, or check with your section office whether appeals are still useful`, 'warning');
  }
};
