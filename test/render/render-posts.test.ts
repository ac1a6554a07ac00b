import { describe, expect, it } from 'vitest';
import { postLength } from '../../src/render/post-length.js';
import { postText, renderPosts, type PostDraft } from '../../src/render/render-posts.js';

const URL = 'https://www.amnesty.org/en/documents/eur57/004/2010/en/';

describe('renderPosts', () => {
  it('writes a header with network, handle and length, then the text to paste, a blank line between posts', () => {
    const posts: PostDraft[] = [
      { network: 'twitter', to: '@MedvedevRussia', text: 'Stop the return of 29 Uzbek refugees!' },
      { network: 'facebook', text: 'Write to Kazakhstan today.\nEvery letter counts.\n' },
    ];
    expect(renderPosts(posts)).toBe(
      [
        'twitter → @MedvedevRussia (53/280)',
        '@MedvedevRussia Stop the return of 29 Uzbek refugees!',
        '',
        'facebook (47/63206)',
        'Write to Kazakhstan today.',
        'Every letter counts.',
        '',
      ].join('\n'),
    );
  });

  it('warns when a post is over its limit, not when it is exactly at it', () => {
    const at = renderPosts([{ network: 'mastodon', text: 'я'.repeat(500) }]);
    expect(at).toContain('mastodon (500/500)\n');
    expect(at).not.toContain('!');
    const over = renderPosts([{ network: 'twitter', to: '@MedvedevRussia', text: 'a'.repeat(285) }]);
    expect(over.split('\n')).toEqual([
      'twitter → @MedvedevRussia (301/280)',
      `@MedvedevRussia ${'a'.repeat(285)}`,
      '! too long: 301 characters, limit 280',
      '',
    ]);
  });

  it('takes the limit from the post over the network default, and shows no limit where none is known', () => {
    expect(renderPosts([{ network: 'bluesky', text: 'abc', limit: 2 }])).toBe('bluesky (3/2)\nabc\n! too long: 3 characters, limit 2\n');
    expect(renderPosts([{ network: 'other', to: 'https://vk.com/id1', text: 'abc' }])).toBe('other → https://vk.com/id1 (3)\nabc\n');
    expect(renderPosts([{ network: 'constructor', text: 'abc' }])).toBe('constructor (3)\nabc\n');
  });

  it('is empty for no posts and identical for identical input', () => {
    expect(renderPosts([])).toBe('');
    const posts: PostDraft[] = [{ network: 'x', to: 'MedvedevRussia', text: `Free them ${URL}` }];
    expect(renderPosts(posts)).toBe(renderPosts(posts));
    expect(renderPosts(posts)).not.toMatch(/\r/);
  });
});

describe('postText', () => {
  it('leads with the mention unless the text already has it (handles are case-insensitive)', () => {
    expect(postText({ network: 'twitter', to: '@MedvedevRussia', text: 'Free them' })).toBe('@MedvedevRussia Free them');
    expect(postText({ network: 'twitter', to: 'MedvedevRussia', text: 'Free them' })).toBe('@MedvedevRussia Free them');
    expect(postText({ network: 'twitter', to: '@MedvedevRussia', text: 'Free them, @medvedevrussia!' })).toBe('Free them, @medvedevrussia!');
    expect(postText({ network: 'twitter', to: '@MedvedevRussia', text: 'Ask @MedvedevRussia2' })).toBe('@MedvedevRussia Ask @MedvedevRussia2');
    expect(postText({ network: 'mastodon', to: '@amnesty@mastodon.social', text: 'Hi @amnesty@mastodon.social.' })).toBe('Hi @amnesty@mastodon.social.');
  });

  it('trims the text and drops soft hyphens and carriage returns', () => {
    expect(postText({ network: 'vk', text: '  Bežen\u00adcy\r\nnow \n' })).toBe('Bežency\nnow');
  });
});

describe('postLength', () => {
  it('counts code points, so a Cyrillic letter or an emoji is one character', () => {
    expect(postLength('mastodon', 'Узбеки')).toBe(6);
    expect(postLength('bluesky', '𝔘😀')).toBe(2);
    expect(postLength('mastodon', `see ${URL}`)).toBe(4 + URL.length);
  });

  it('counts every link on X as 23 characters, with or without https://, punctuation after it excluded', () => {
    expect(postLength('twitter', URL)).toBe(23);
    expect(postLength('x', `Read ${URL}. Act now`)).toBe(5 + 23 + '. Act now'.length);
    expect(postLength('twitter', 'see amnesty.org/ua-129-10 now')).toBe(4 + 23 + 4);
    expect(postLength('twitter', 'http://t.co')).toBe(23);
    expect(postLength('twitter', 'Mr.Smith, e.g. U.S.')).toBe('Mr.Smith, e.g. U.S.'.length);
    expect(postLength('twitter', 'mail info@amnesty.org')).toBe('mail info@amnesty.org'.length);
  });

  it('weighs text as X does: Latin and Cyrillic 1, CJK and emoji 2', () => {
    expect(postLength('twitter', 'Узбеки – «беженцы»')).toBe(18);
    expect(postLength('twitter', '释放他们')).toBe(8);
    expect(postLength('twitter', '👨‍👩‍👧 👍🏽')).toBe(5);
    // X counts the NFC form: e + combining acute is one character.
    expect(postLength('twitter', 'e\u0301')).toBe(1);
  });
});
