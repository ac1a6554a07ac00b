/** Longest slug; keeps paths well under file-system name limits whatever the input. */
const MAX_SLUG_LENGTH = 60;

/**
 * An ASCII file-name-safe slug: letters and digits joined by single dashes, lower case, never
 * empty, never "." or "..", at most 60 characters. Accents are dropped (é -> e); other scripts
 * are transliterated where simple (Cyrillic) or dropped, falling back to `fallback`. A Windows
 * device name (con, aux, nul, ...) gets `-fallback` appended.
 */
export function toSlug(text: string, fallback: string): string {
  const ascii = transliterate(text.normalize('NFKD').replace(/\p{M}/gu, ''));
  const slug = ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/g, '');
  if (slug === '') return fallback;
  // Windows refuses these as file and folder names (with any extension): an action saved as aux.yaml
  // or with id: con would get an output folder no Windows user could write or open.
  return WINDOWS_DEVICE_NAME.test(slug) ? `${slug}-${fallback}` : slug;
}

const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia', і: 'i', ї: 'i', є: 'ie',
  ґ: 'g', ў: 'u', қ: 'q', ғ: 'g', ҳ: 'h', ә: 'a', ө: 'o', ү: 'u', ұ: 'u', ң: 'n', һ: 'h',
};

function transliterate(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    out += CYRILLIC[lower] ?? ch;
  }
  return out;
}
