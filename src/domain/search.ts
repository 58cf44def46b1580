/**
 * A name folded for searching: no diacritics (đ → d), lower case, single spaces, so that
 * "ta cu ty" finds "Xã Tả Củ Tỷ".
 */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a query, folded: "Số 5, Kim Tân" → so, 5, kim, tan (each once, in order). */
export function searchWords(query: string): string[] {
  return [...new Set(foldName(query).split(/[\s,;›>|/]+/).filter(Boolean))];
}

/** A word matches a folded text when one of the text's words starts with it: "5" finds "số 5", not "số 15". */
export function hasWord(text: string, word: string): boolean {
  return ` ${text}`.includes(` ${word}`);
}

/**
 * How well a unit answers a query, 0 best; undefined when some word is found neither in one of
 * its names nor in the names of its ancestors. `names` and `ancestors` are folded.
 * 0 a name is the query; 1 a name holds the query as whole words ("xa ta chai" for "ta chai");
 * 2 a name holds it as the start of words; 3 a name holds every word; 4 ancestors supply some words.
 */
export function matchTier(words: string[], names: string[], ancestors: string[]): number | undefined {
  const phrase = words.join(' ');
  const own = (w: string) => names.some((n) => hasWord(n, w));
  if (!words.every((w) => own(w) || ancestors.some((a) => hasWord(a, w)))) return undefined;
  if (names.includes(phrase)) return 0;
  if (names.some((n) => ` ${n} `.includes(` ${phrase} `))) return 1;
  if (names.some((n) => hasWord(n, phrase))) return 2;
  return words.every(own) ? 3 : 4;
}

/**
 * The first `count` items in `cmp` order, without sorting them all: the picker shows 20 of the
 * 23,000 communes named "Xã …" in a country, and comparing names the Vietnamese way is slow.
 */
export function firstSorted<T>(items: readonly T[], count: number, cmp: (a: T, b: T) => number): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (out.length === count && (count === 0 || cmp(item, out[count - 1]) >= 0)) continue;
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(out[mid], item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, item);
    if (out.length > count) out.pop();
  }
  return out;
}
