// Seeded, obviously fictional people for demo ledgers and benchmarks: Chinese names, areas, and ID numbers whose
// check digits are valid (GB 11643) but whose region codes and sequences are made up for a fictional township.
import crypto from 'node:crypto';

import { checkDigit } from '../../shared/domain/idNumber';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华文斌玉兰春梅海燕志强永红国庆淑珍德胜金凤小红红梅丽娟树林长青秋菊冬梅';
/** Names from ethnic minorities keep the middle dot, which every layer must carry unchanged. */
const MINORITY = ['阿依古丽·买买提', '买买提·艾力', '古丽娜尔·吐尔逊', '扎西·次仁', '巴特尔·孟和'];
export const AREAS = ['东山村', '西河村', '南岭村', '北坪村', '青石村', '柳溪社区', '桥头社区', '新街社区'];

export interface FictionalPerson {
  name: string;
  idNumber: string;
  gender: 'male' | 'female';
  birthDate: string;
  area: string;
  phone: string;
}

// Region code 990101 belongs to no real county: these numbers cannot collide with a real person's.
const REGION = '990101';

/** Where a demo township is: its center, its people's region code and seed, its villages. */
export interface DemoPlace {
  /** The township's name (青山镇), and without its 镇/乡/街道 (青山), as local units are named. */
  township: string;
  short: string;
  center: string;
  address: string;
  /** The first 6 digits of its people's ID numbers (99…: no real county), also in their accounts. */
  region: string;
  /** Added to every seed of the demo, so that two townships have different people and a different year. */
  seed: number;
  areas: string[];
}

const VILLAGES = '东山西河南岭北坪青石白沙黄泥石桥杨柳枫林松岗竹园梅岭桃源李庄马家何湾龙潭凤凰金坪银杏';
const COMMUNITIES = '柳溪桥头新街城南城北东门河滨滨江';
const twos = (stems: string) => [...stems.matchAll(/../g)].map((m) => m[0]);

/**
 * The demo township named `township` (`--demo=NAME`): its own center, region code, people and villages, derived from
 * the name alone, so five demo townships at one county share nobody and look like five places. No name: 青山镇, as
 * the demo has always been.
 */
export function demoPlace(township?: string): DemoPlace {
  const name = !township ? '青山镇' : /(镇|乡|街道)$/.test(township) ? township : `${township}镇`;
  const short = name.replace(/(镇|乡|街道)$/, '');
  const at = { township: name, short, center: `${name}便民服务中心（演示）`, address: `${name}人民路 1 号` };
  if (!township) return { ...at, region: REGION, seed: 0, areas: AREAS };
  const hash = crypto.createHash('sha256').update(name).digest();
  const region = `99${String(102 + (hash.readUInt32BE(0) % 9898)).padStart(4, '0')}`; // never 990101, 青山镇's
  const seed = hash.readUInt32BE(4) % 1_000_000;
  const r = rng(seed);
  const draw = (from: string[], n: number) => {
    const left = [...from];
    return Array.from({ length: n }, () => left.splice(Math.floor(r() * left.length), 1)[0]);
  };
  return {
    ...at,
    region,
    seed,
    areas: [...draw(twos(VILLAGES), 6).map((v) => `${v}村`), ...draw(twos(COMMUNITIES), 2).map((c) => `${c}社区`)],
  };
}

/** The nth (0-based, < 500) person of that birth date and gender: digits 15-17, odd for men, even for women. */
export function idNumberFor(birth: string, nth: number, female: boolean, region = REGION): string {
  const seq = String(nth * 2 + (female ? 0 : 1)).padStart(3, '0');
  const first17 = region + birth.replace(/-/g, '') + seq;
  return first17 + checkDigit(first17);
}

/** A random sequence number (0–499) not yet used for that birth date and gender, as real numbers spread them. */
function next(seen: Map<string, Set<number>>, key: string, r: () => number): number {
  let used = seen.get(key);
  if (!used) seen.set(key, (used = new Set()));
  for (;;) {
    const n = Math.floor(r() * 500);
    if (!used.has(n)) return (used.add(n), n);
  }
}

/** `region` (6 digits) puts the people in another fictional county, so that two demo townships share nobody. */
export function* people(seed: number, count: number, region = REGION): Generator<FictionalPerson> {
  const r = rng(seed);
  const pick = <T>(xs: ArrayLike<T>) => xs[Math.floor(r() * xs.length)];
  const seen = new Map<string, Set<number>>(); // per birth date and gender, so every ID number is unique
  for (let i = 0; i < count; i++) {
    const female = r() < 0.5;
    const name =
      r() < 0.01
        ? pick(MINORITY)
        : pick([...SURNAMES]) + (r() < 0.6 ? pick([...GIVEN]) : pick([...GIVEN]) + pick([...GIVEN]));
    const year = 1930 + Math.floor(r() * 90);
    const two = (n: number) => String(n).padStart(2, '0');
    const birth = `${year}-${two(1 + Math.floor(r() * 12))}-${two(1 + Math.floor(r() * 28))}`;
    yield {
      name,
      idNumber: idNumberFor(birth, next(seen, `${birth}${female}`, r), female, region),
      gender: female ? 'female' : 'male',
      birthDate: birth,
      area: pick(AREAS),
      phone: `139${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
    };
  }
}
