// Pinyin for the quick search and the grid's sort order. Surname mode reads 单 as shan and 曾 as zeng.
import { customPinyin, pinyin } from 'pinyin-pro';

// Characters outside the BMP that names use and pinyin-pro's dictionary lacks: without a reading they would give no
// initial at all (𠮷 is the 吉 of 𠮷野 in many ID cards).
customPinyin({ '𠮷': 'jí' });

/** 张三 → zs; letters only, so 阿依古丽·买买提 → ayglmmt. */
export function initials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', separator: '', surname: 'head' })
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** 张三 → zhangsan: sorts names the way a clerk reads a roster. Characters without pinyin sort after. */
export function fullPinyin(name: string): string {
  return pinyin(name, { toneType: 'none', separator: '', surname: 'head' }).toLowerCase();
}
