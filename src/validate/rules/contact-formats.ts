import type { SocialPost } from '../../schema/action-schema.js';

// Deliberately permissive: these catch typing slips (a missing @, letters in a fax number), not
// every address a mail server would refuse.

/** True for an address of the form local@domain.tld. */
export function isEmailAddress(value: string): boolean {
  return /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:".]{2,}$/u.test(value);
}

/** True for a phone or fax number with 6 to 15 digits, optionally an extension. */
export function isPhoneNumber(value: string): boolean {
  const match = /^(\+?[0-9][0-9 ()./-]*[0-9])(?:\s*(?:ext\.?|x|доб\.?)\s*[0-9]{1,6})?$/iu.exec(value.trim());
  if (!match?.[1]) return false;
  const digits = match[1].replace(/\D/g, '').length;
  return digits >= 6 && digits <= 15;
}

/** True for @handle (per network rules where they are strict) or a profile URL. */
export function isSocialHandle(network: SocialPost['network'], handle: string): boolean {
  if (/^https?:\/\/\S+$/u.test(handle)) return true;
  switch (network) {
    case 'twitter':
    case 'x':
      return /^@[A-Za-z0-9_]{1,15}$/u.test(handle);
    case 'mastodon':
      return /^@[A-Za-z0-9_]+@[A-Za-z0-9.-]+\.[a-z]{2,}$/iu.test(handle);
    case 'bluesky':
      return /^@?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/u.test(handle);
    default:
      return /^@?[\p{L}\p{N}_.-]{1,64}$/u.test(handle);
  }
}

/** Longest post each network accepts, in characters. */
export const POST_LENGTH_LIMITS: Partial<Record<SocialPost['network'], number>> = {
  twitter: 280,
  x: 280,
  bluesky: 300,
  mastodon: 500,
  threads: 500,
  instagram: 2200,
  linkedin: 3000,
  facebook: 63206,
  vk: 15895,
  telegram: 4096,
};
