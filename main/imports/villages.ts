// The 村/社区 a roster names, against the ledger's and against each other. 东山村民委员会 is 东山村, 东山居委会 is
// 东山社区; a bare 东山 is whichever one village has that stem. A 村 and a 社区 of the same stem are two places, and so
// are 西河村（一组） and 西河村（二组）: nothing that tells places apart is folded away.
import { headerKey } from '../../shared/domain/imports';
import { codePointLength, FORMULA_START, hasInvisible, isWellFormed } from '../../shared/domain/text';

const SUFFIX = /(村|社区)$/;
/** The name as compared: the committee's name read as its place's. */
const norm = (name: string) =>
  headerKey(name)
    .replace(/(村民委员会|村委会)$/, '村')
    .replace(/(居民委员会|居委会)$/, '社区');
const stem = (name: string) => norm(name).replace(SUFFIX, '');

/** Whether `named` (from the file) is the village called `known`. */
function same(named: string, known: string): boolean {
  if (norm(named) === norm(known)) return true;
  return !SUFFIX.test(norm(named)) && stem(named) === stem(known);
}

/**
 * The villages `named` may be: the one of exactly its name, else those a bare stem answers to. More than one means
 * the file must say which.
 */
export function villagesNamed<T extends { name: string }>(named: string, known: T[]): T[] {
  const exact = known.filter((a) => norm(a.name) === norm(named));
  return exact.length ? exact : known.filter((a) => same(named, a.name));
}

/** Why a village named in the file cannot be made as it is, or null: the rules of a name typed in 设置 (areas.save). */
export function villageNameProblem(name: string): string | null {
  if (!stem(name)) return `村（社区）名称“${name}”不完整，不能新建`;
  if (codePointLength(name) > 30) return `村（社区）名称“${name}”超过 30 个字，不能新建`;
  if (FORMULA_START.test(name)) return '村（社区）名称不能以 = + - @ 开头，不能新建';
  if (!isWellFormed(name) || hasInvisible(name)) return '村（社区）名称含有不可见字符，请在 Excel 中删除后再导入';
  return null;
}

/**
 * The villages to make, one per place however the rows spell it: each spelling → the name made. Spellings of one
 * name go under the first; a bare stem goes under the one full name with that stem, if there is exactly one.
 */
export function newVillages(spellings: string[]): Map<string, string> {
  const byName = new Map<string, string>();
  for (const s of spellings) if (!byName.has(norm(s))) byName.set(norm(s), s);
  const full = [...byName.values()].filter((s) => SUFFIX.test(norm(s)));
  const made = new Map<string, string>();
  for (const s of spellings) {
    const first = byName.get(norm(s))!;
    const into = SUFFIX.test(norm(s)) ? [] : full.filter((f) => stem(f) === stem(s));
    made.set(s, into.length === 1 ? into[0] : first);
  }
  return made;
}
