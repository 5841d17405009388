import type { Sex } from '../identity/sex';
import type { PinyinReadings } from '../patients/patient';
import { weightedPicker, type Rng } from './prng';

/**
 * Common surnames with their approximate share of the population per 10,000 (order and rough
 * shares of the Ministry of Public Security's 2020 household-register ranking), and their pinyin
 * as a surname: 曾 is "zeng" here, never "ceng".
 */
// prettier-ignore
const SURNAMES: readonly (readonly [string, string, number])[] = [
  ['王', 'wang', 710], ['李', 'li', 700], ['张', 'zhang', 680], ['刘', 'liu', 540], ['陈', 'chen', 460],
  ['杨', 'yang', 310], ['黄', 'huang', 220], ['赵', 'zhao', 200], ['吴', 'wu', 190], ['周', 'zhou', 190],
  ['徐', 'xu', 140], ['孙', 'sun', 140], ['马', 'ma', 120], ['朱', 'zhu', 120], ['胡', 'hu', 110],
  ['郭', 'guo', 110], ['何', 'he', 100], ['林', 'lin', 95], ['高', 'gao', 95], ['罗', 'luo', 90],
  ['郑', 'zheng', 80], ['梁', 'liang', 80], ['谢', 'xie', 70], ['宋', 'song', 60], ['唐', 'tang', 60],
  ['许', 'xu', 50], ['韩', 'han', 50], ['冯', 'feng', 50], ['邓', 'deng', 50], ['曹', 'cao', 50],
  ['彭', 'peng', 45], ['曾', 'zeng', 45], ['肖', 'xiao', 43], ['田', 'tian', 42], ['董', 'dong', 41],
  ['袁', 'yuan', 39], ['潘', 'pan', 38], ['于', 'yu', 37], ['蒋', 'jiang', 36], ['蔡', 'cai', 35],
  ['余', 'yu', 34], ['杜', 'du', 33], ['叶', 'ye', 32], ['程', 'cheng', 31], ['苏', 'su', 30],
  ['魏', 'wei', 30], ['吕', 'lv', 29], ['丁', 'ding', 28], ['任', 'ren', 27], ['沈', 'shen', 26],
  ['姚', 'yao', 25], ['卢', 'lu', 24], ['姜', 'jiang', 24], ['崔', 'cui', 23], ['钟', 'zhong', 23],
  ['谭', 'tan', 22], ['陆', 'lu', 22], ['汪', 'wang', 21], ['范', 'fan', 21], ['金', 'jin', 20],
  ['石', 'shi', 20], ['廖', 'liao', 20], ['贾', 'jia', 19], ['夏', 'xia', 19], ['韦', 'wei', 18],
  ['付', 'fu', 18], ['方', 'fang', 18], ['白', 'bai', 17], ['邹', 'zou', 17], ['孟', 'meng', 17],
  ['熊', 'xiong', 16], ['秦', 'qin', 16], ['邱', 'qiu', 16], ['江', 'jiang', 15], ['尹', 'yin', 15],
  ['薛', 'xue', 15], ['闫', 'yan', 14], ['段', 'duan', 14], ['雷', 'lei', 14], ['侯', 'hou', 13],
  ['龙', 'long', 13], ['史', 'shi', 13], ['陶', 'tao', 12], ['黎', 'li', 12], ['贺', 'he', 12],
  ['顾', 'gu', 11], ['毛', 'mao', 11], ['郝', 'hao', 11], ['龚', 'gong', 10], ['邵', 'shao', 10],
  ['万', 'wan', 10], ['钱', 'qian', 10], ['严', 'yan', 9], ['覃', 'qin', 9], ['武', 'wu', 9],
  ['戴', 'dai', 9], ['莫', 'mo', 8], ['孔', 'kong', 8], ['向', 'xiang', 8], ['汤', 'tang', 8],
  ['欧阳', 'ou yang', 3], ['上官', 'shang guan', 1], ['司马', 'si ma', 1], ['诸葛', 'zhu ge', 1],
];

const MALE_GIVEN =
  '伟wei 强qiang 磊lei 军jun 勇yong 杰jie 涛tao 斌bin 超chao 明ming 刚gang 平ping 辉hui 鹏peng 华hua ' +
  '飞fei 鑫xin 波bo 宇yu 浩hao 凯kai 健jian 俊jun 帆fan 建jian 国guo 志zhi 文wen 东dong 海hai 峰feng ' +
  '博bo 子zi 轩xuan 睿rui 泽ze 晨chen 毅yi 成cheng 天tian 德de 永yong 家jia 嘉jia 豪hao 航hang ' +
  '宏hong 亮liang 春chun 阳yang 立li 新xin 振zhen 庆qing 铭ming 然ran 瑞rui 晓xiao';
const FEMALE_GIVEN =
  '芳fang 娜na 敏min 静jing 丽li 艳yan 娟juan 霞xia 秀xiu 英ying 玲ling 燕yan 红hong 梅mei 琳lin ' +
  '婷ting 雪xue 慧hui 颖ying 佳jia 欣xin 怡yi 萱xuan 悦yue 思si 雨yu 晶jing 莉li 兰lan 凤feng ' +
  '洁jie 倩qian 琪qi 诗shi 梦meng 可ke 妍yan 桂gui 珍zhen 淑shu 萍ping 丹dan 露lu 瑶yao 媛yuan ' +
  '蕾lei 璐lu 玉yu 云yun 彤tong 菲fei 涵han 晓xiao 欢huan';

const splitPairs = (list: string): [string, string][] =>
  list.split(' ').map((pair) => [pair[0]!, pair.slice(1)] as [string, string]);

const maleGiven = splitPairs(MALE_GIVEN);
const femaleGiven = splitPairs(FEMALE_GIVEN);

const pinyinTable = new Map<string, string[]>();
const learn = (characters: string, syllables: string[]) => {
  [...characters].forEach((character, i) => {
    const readings = pinyinTable.get(character) ?? [];
    if (!readings.includes(syllables[i]!)) readings.push(syllables[i]!);
    pinyinTable.set(character, readings);
  });
};
for (const [surname, pinyin] of SURNAMES) learn(surname, pinyin.split(' '));
for (const [character, pinyin] of [...maleGiven, ...femaleGiven]) learn(character, [pinyin]);

/**
 * A converter that knows exactly the characters this generator uses, so demo patients get real
 * search keys without a pinyin dictionary in shared/.
 */
export const demoPinyin: PinyinReadings = (character) => pinyinTable.get(character) ?? [];

const pickSurname = weightedPicker(
  SURNAMES.map(([surname, , weight]) => [surname, weight] as const),
);

/** A Chinese name: surname by frequency, then one given character (about a third) or two. */
export const chineseName = (rng: Rng, sex: Sex): string => {
  const pool = sex === 'male' ? maleGiven : femaleGiven;
  const surname = pickSurname(rng);
  const first = rng.pick(pool)[0];
  if (rng.chance(0.3)) return surname + first;
  let second = rng.pick(pool)[0];
  // 叠字 names (婷婷, 强强) exist, but a pool this small would make too many of them.
  if (second === first && rng.chance(0.8)) second = rng.pick(pool)[0];
  return surname + first + second;
};

const FOREIGN_GIVEN = {
  male: [
    'JOHN',
    'DAVID',
    'MICHAEL',
    'JAMES',
    'THOMAS',
    'LUCAS',
    'HIROSHI',
    'MINJUN',
    'IVAN',
    'MARCO',
  ],
  female: [
    'ANNA',
    'MARIA',
    'EMMA',
    'SOPHIE',
    'OLIVIA',
    'YUKI',
    'SEOYEON',
    'ELENA',
    'CLAIRE',
    'LINH',
  ],
};
const FOREIGN_SURNAMES = [
  'SMITH',
  'JOHNSON',
  'BROWN',
  'MUELLER',
  'MARTIN',
  'KIM',
  'PARK',
  'TANAKA',
  'SATO',
  'NGUYEN',
  'IVANOV',
  'ROSSI',
  'GARCIA',
];

/** A name as a foreign passport prints it, upper case, given name first. */
export const foreignName = (rng: Rng, sex: Sex): string =>
  `${rng.pick(FOREIGN_GIVEN[sex])} ${rng.pick(FOREIGN_SURNAMES)}`;
