import { POST_LENGTH_LIMITS } from '../validate/rules/contact-formats.js';
import { cleanText } from './clean-text.js';
import { postLength } from './post-length.js';

/** A suggested social-media post: the network, whom it addresses, the text, and its length limit. */
export interface PostDraft {
  readonly network: string;
  readonly to?: string;
  readonly text: string;
  /** Longest post the network accepts; defaults to the network's entry in POST_LENGTH_LIMITS. */
  readonly limit?: number;
}

const LIMITS: Readonly<Record<string, number | undefined>> = POST_LENGTH_LIMITS;

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function limitOf(post: PostDraft): number | undefined {
  if (post.limit !== undefined) return post.limit;
  return Object.hasOwn(LIMITS, post.network) ? LIMITS[post.network] : undefined;
}

// A handle becomes a mention ("MedvedevRussia" → "@MedvedevRussia"); a profile URL cannot mention
// anyone, so it is shown in the header only.
function mentionOf(to: string | undefined): string | undefined {
  const handle = oneLine(to ?? '');
  if (handle === '' || /^https?:\/\//i.test(handle)) return undefined;
  return handle.startsWith('@') ? handle : `@${handle}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Handles are case-insensitive; "@MedvedevRussia2" is somebody else, so the match must end the handle.
function mentions(text: string, mention: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}_@])${escapeRegExp(mention)}(?![\\p{L}\\p{N}_])`, 'iu').test(text);
}

/** The post exactly as it should be pasted: its text, led by the mention unless the text already has it. */
export function postText(post: PostDraft): string {
  const text = cleanText(post.text).trim();
  const mention = mentionOf(post.to);
  return mention === undefined || mentions(text, mention) ? text : `${mention} ${text}`;
}

function section(post: PostDraft): string[] {
  const text = postText(post);
  const length = postLength(post.network, text);
  const limit = limitOf(post);
  const to = mentionOf(post.to) ?? oneLine(post.to ?? '');
  const header = `${oneLine(post.network)}${to === '' ? '' : ` → ${to}`} (${limit === undefined ? length : `${length}/${limit}`})`;
  const warning = limit !== undefined && length > limit ? [`! too long: ${length} characters, limit ${limit}`] : [];
  return [header, text, ...warning];
}

/**
 * Suggested posts as a UTF-8 text file: per post a header "twitter → @handle (132/280)", the text to
 * paste and a warning when it is over the limit; a blank line between posts, LF endings, a final newline.
 */
export function renderPosts(posts: readonly PostDraft[]): string {
  if (posts.length === 0) return '';
  return `${posts.map((post) => section(post).join('\n')).join('\n\n')}\n`;
}
