import { quoteText } from '../../load/quote-text.js';
import type { Recipient } from '../../schema/action-schema.js';
import type { Rule } from '../rule-context.js';
import { isEmailAddress, isPhoneNumber, isSocialHandle } from './contact-formats.js';

/** Every recipient can be reached, and every address, number and handle looks deliverable. */
export const recipientChannelsRule: Rule = ({ action, report }) => {
  for (const group of ['recipients', 'copies'] as const) {
    action[group].forEach((recipient, index) => {
      if (!hasChannel(recipient)) {
        report([group, index], 'rule/no-channel', 'this recipient cannot be reached: give a postal address, email, fax, phone, web_form or social handle');
      }
      if (recipient.address && !recipient.country) {
        report([group, index, 'address'], 'rule/address-without-country', 'a postal address needs a country line (country: ...)', 'warning');
      }
      if (!recipient.name && !recipient.title && !recipient.organisation) {
        report([group, index], 'rule/anonymous-recipient', 'name the recipient: give a name, title or organisation');
      }
      recipient.email?.forEach((email, i) => {
        if (!isEmailAddress(email)) report([group, index, 'email', i], 'rule/bad-email', `${quoteText(email)} does not look like an email address`);
      });
      for (const kind of ['fax', 'phone'] as const) {
        recipient[kind]?.forEach((number, i) => {
          if (!isPhoneNumber(number)) {
            report([group, index, kind, i], `rule/bad-${kind}`, `${quoteText(number)} does not look like a ${kind} number; write it in international form, e.g. +7 7172 37 36 01`);
          }
        });
      }
      recipient.social?.forEach((social, i) => {
        if (!isSocialHandle(social.network, social.handle)) {
          report([group, index, 'social', i, 'handle'], 'rule/bad-handle', `${quoteText(social.handle)} does not look like a ${social.network} handle (e.g. @name) or profile URL`);
        }
      });
    });
  }
};

/** True when at least one way of delivering a letter or message is given. */
export function hasChannel(recipient: Recipient): boolean {
  return Boolean(
    recipient.address?.length ||
      recipient.email?.length ||
      recipient.fax?.length ||
      recipient.phone?.length ||
      recipient.web_form ||
      recipient.social?.length,
  );
}
