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
