import type { Kind } from './kinds.js';

/** The Vietnamese words official lists use for unit types, mapped to our kind and subtype. */
const TYPE_WORDS: Record<string, { kind: Kind; subtype: string }> = {
  'tỉnh': { kind: 'province', subtype: 'tinh' },
  'thành phố trung ương': { kind: 'province', subtype: 'thanh_pho_tw' },
  'huyện': { kind: 'district', subtype: 'huyen' },
  'thị xã': { kind: 'district', subtype: 'thi_xa' },
  'thành phố': { kind: 'district', subtype: 'thanh_pho' },
  'quận': { kind: 'district', subtype: 'quan' },
  'xã': { kind: 'commune', subtype: 'xa' },
  'phường': { kind: 'commune', subtype: 'phuong' },
  'thị trấn': { kind: 'commune', subtype: 'thi_tran' },
  'đặc khu': { kind: 'commune', subtype: 'dac_khu' },
  'thôn': { kind: 'village', subtype: 'thon' },
  'bản': { kind: 'village', subtype: 'ban' },
  'tổ dân phố': { kind: 'village', subtype: 'to_dan_pho' },
};

/** "Thị trấn" → commune / thi_tran; accepts any case and NFC or NFD text. */
export function typeFromWord(word: string): { kind: Kind; subtype: string } | undefined {
  return TYPE_WORDS[word.normalize('NFC').trim().toLowerCase()];
}

/** The type a commune-level name starts with: "Thị trấn Si Ma Cai" → thị trấn. */
export function typeFromName(name: string, kind: Kind): { kind: Kind; subtype: string } | undefined {
  const lower = name.normalize('NFC').toLowerCase();
  const words = Object.keys(TYPE_WORDS).sort((a, b) => b.length - a.length);
  const word = words.find((w) => TYPE_WORDS[w].kind === kind && lower.startsWith(`${w} `));
  return word ? TYPE_WORDS[word] : undefined;
}
