/**
 * Province-level divisions of mainland China, keyed by their GB/T 2260 two-digit code. `pinyin`:
 * the place name's syllables, written out so that 陕西 (shan xi) and 山西 need no dictionary.
 */
export const provinces = [
  { code: '11', zh: '北京市', en: 'Beijing', pinyin: 'bei jing' },
  { code: '12', zh: '天津市', en: 'Tianjin', pinyin: 'tian jin' },
  { code: '13', zh: '河北省', en: 'Hebei', pinyin: 'he bei' },
  { code: '14', zh: '山西省', en: 'Shanxi', pinyin: 'shan xi' },
  { code: '15', zh: '内蒙古自治区', en: 'Inner Mongolia', pinyin: 'nei meng gu' },
  { code: '21', zh: '辽宁省', en: 'Liaoning', pinyin: 'liao ning' },
  { code: '22', zh: '吉林省', en: 'Jilin', pinyin: 'ji lin' },
  { code: '23', zh: '黑龙江省', en: 'Heilongjiang', pinyin: 'hei long jiang' },
  { code: '31', zh: '上海市', en: 'Shanghai', pinyin: 'shang hai' },
  { code: '32', zh: '江苏省', en: 'Jiangsu', pinyin: 'jiang su' },
  { code: '33', zh: '浙江省', en: 'Zhejiang', pinyin: 'zhe jiang' },
  { code: '34', zh: '安徽省', en: 'Anhui', pinyin: 'an hui' },
  { code: '35', zh: '福建省', en: 'Fujian', pinyin: 'fu jian' },
  { code: '36', zh: '江西省', en: 'Jiangxi', pinyin: 'jiang xi' },
  { code: '37', zh: '山东省', en: 'Shandong', pinyin: 'shan dong' },
  { code: '41', zh: '河南省', en: 'Henan', pinyin: 'he nan' },
  { code: '42', zh: '湖北省', en: 'Hubei', pinyin: 'hu bei' },
  { code: '43', zh: '湖南省', en: 'Hunan', pinyin: 'hu nan' },
  { code: '44', zh: '广东省', en: 'Guangdong', pinyin: 'guang dong' },
  { code: '45', zh: '广西壮族自治区', en: 'Guangxi', pinyin: 'guang xi' },
  { code: '46', zh: '海南省', en: 'Hainan', pinyin: 'hai nan' },
  { code: '50', zh: '重庆市', en: 'Chongqing', pinyin: 'chong qing' },
  { code: '51', zh: '四川省', en: 'Sichuan', pinyin: 'si chuan' },
  { code: '52', zh: '贵州省', en: 'Guizhou', pinyin: 'gui zhou' },
  { code: '53', zh: '云南省', en: 'Yunnan', pinyin: 'yun nan' },
  { code: '54', zh: '西藏自治区', en: 'Tibet', pinyin: 'xi zang' },
  { code: '61', zh: '陕西省', en: 'Shaanxi', pinyin: 'shan xi' },
  { code: '62', zh: '甘肃省', en: 'Gansu', pinyin: 'gan su' },
  { code: '63', zh: '青海省', en: 'Qinghai', pinyin: 'qing hai' },
  { code: '64', zh: '宁夏回族自治区', en: 'Ningxia', pinyin: 'ning xia' },
  { code: '65', zh: '新疆维吾尔自治区', en: 'Xinjiang', pinyin: 'xin jiang' },
] as const;

export type ProvinceCode = (typeof provinces)[number]['code'];

export const provinceByCode = (code: string) => provinces.find((p) => p.code === code);

export type Province = (typeof provinces)[number];

/**
 * What a person types to find a province: 汉字 ("广东"), pinyin ("guangdong"), initials ("gd"),
 * the English name, or the two-digit code.
 */
export const provinceSearchKeys = (province: Province) => {
  const syllables = province.pinyin.split(' ');
  return {
    code: province.code,
    keys: [
      province.zh,
      syllables.join(''),
      syllables.map((s) => s[0]).join(''),
      province.en.toLowerCase().replace(/\s+/g, ''),
      province.code,
    ],
  };
};
