import type { CatalogueCategory, Coverage } from '../catalogue/catalogue';

/**
 * What a small dental and general clinic charges for, as a catalogue officer would recognise it:
 * the generator's assumptions in one place. Prices are ranges in fen (the clinic's local price
 * list decides within them); coverage follows the usual class of the item in the 2025 national
 * lists, with implants, orthodontics and whitening paid by the patient.
 */
export type CatalogueStem = {
  category: CatalogueCategory;
  /** The start of the code: ATC-like for drugs, the price-list number for procedures. */
  stem: string;
  name: string;
  unit: string;
  minFen: number;
  maxFen: number;
  coverage: Coverage;
  restriction?: string;
};

const item =
  (category: CatalogueCategory) =>
  (
    stem: string,
    name: string,
    unit: string,
    [minFen, maxFen]: readonly [number, number],
    coverage: Coverage,
    restriction?: string,
  ): CatalogueStem => ({
    category,
    stem,
    name,
    unit,
    minFen,
    maxFen,
    coverage,
    ...(restriction ? { restriction } : {}),
  });

const drug = item('drug');
const procedure = item('procedure');
const material = item('material');
const facility = item('facility');

// prettier-ignore
export const CATALOGUE_STEMS: readonly CatalogueStem[] = [
  drug('XJ01CA', '阿莫西林胶囊', '盒', [800, 2500], 'class-a'),
  drug('XJ01CR', '阿莫西林克拉维酸钾片', '盒', [1800, 4500], 'class-b'),
  drug('XJ01DC', '头孢呋辛酯片', '盒', [1500, 3800], 'class-b'),
  drug('XJ01DB', '头孢氨苄胶囊', '盒', [600, 1800], 'class-a'),
  drug('XJ01FA', '阿奇霉素片', '盒', [1200, 3600], 'class-a'),
  drug('XJ01FA', '罗红霉素胶囊', '盒', [900, 2200], 'class-a'),
  drug('XJ01XD', '甲硝唑片', '瓶', [300, 900], 'class-a'),
  drug('XJ01XD', '替硝唑片', '盒', [800, 2000], 'class-b', '限甲硝唑不能耐受的患者'),
  drug('XJ01FF', '克林霉素磷酸酯胶囊', '盒', [1200, 2800], 'class-b'),
  drug('XM01AE', '布洛芬缓释胶囊', '盒', [1000, 2600], 'class-a'),
  drug('XM01AB', '双氯芬酸钠缓释片', '盒', [900, 2400], 'class-a'),
  drug('XM01AH', '塞来昔布胶囊', '盒', [2800, 6500], 'class-b', '限对乙酰氨基酚等一线药物无效的患者'),
  drug('XN02BE', '对乙酰氨基酚片', '盒', [300, 1200], 'class-a'),
  drug('XN02AX', '氨酚曲马多片', '盒', [1800, 4200], 'class-b', '限中重度疼痛'),
  drug('XN01BB', '盐酸利多卡因注射液', '支', [100, 600], 'class-a'),
  drug('XN01BB', '盐酸阿替卡因肾上腺素注射液', '支', [1800, 3500], 'class-b', '限口腔局部麻醉'),
  drug('XN01BB', '甲哌卡因肾上腺素注射液', '支', [1600, 3200], 'self-pay'),
  drug('XA01AB', '复方氯己定含漱液', '瓶', [800, 2200], 'class-b'),
  drug('XA01AB', '西吡氯铵含漱液', '瓶', [1200, 2800], 'self-pay'),
  drug('XA01AD', '碘甘油', '瓶', [300, 900], 'class-a'),
  drug('XA01AC', '曲安奈德口腔软膏', '支', [1500, 3200], 'class-b'),
  drug('XA01AD', '康复新液', '瓶', [2200, 5200], 'class-b', '限口腔溃疡或烧伤创面'),
  drug('XA02BC', '奥美拉唑肠溶胶囊', '盒', [800, 2600], 'class-a'),
  drug('XA02BC', '雷贝拉唑钠肠溶片', '盒', [2500, 6000], 'class-b', '限有胃镜检查结论的患者'),
  drug('XA03FA', '多潘立酮片', '盒', [900, 2200], 'class-a'),
  drug('XA07FA', '双歧杆菌三联活菌胶囊', '盒', [1800, 3800], 'class-b', '限儿童或抗生素相关性腹泻'),
  drug('XC09AA', '卡托普利片', '瓶', [200, 800], 'class-a'),
  drug('XC08CA', '苯磺酸氨氯地平片', '盒', [600, 2800], 'class-a'),
  drug('XC09CA', '缬沙坦胶囊', '盒', [1200, 3600], 'class-b'),
  drug('XC10AA', '阿托伐他汀钙片', '盒', [900, 4500], 'class-b'),
  drug('XA10BA', '盐酸二甲双胍片', '盒', [300, 1500], 'class-a'),
  drug('XB01AC', '阿司匹林肠溶片', '盒', [500, 1600], 'class-a'),
  drug('XR06AE', '盐酸西替利嗪片', '盒', [800, 2400], 'class-b'),
  drug('XR06AX', '氯雷他定片', '盒', [900, 2600], 'class-b'),
  drug('XR05CB', '氨溴索口服溶液', '瓶', [1200, 2800], 'class-b'),
  drug('XH02AB', '地塞米松磷酸钠注射液', '支', [50, 300], 'class-a'),
  drug('XB05BB', '氯化钠注射液', '袋', [300, 900], 'class-a'),
  drug('XB05BA', '葡萄糖注射液', '袋', [300, 900], 'class-a'),
  drug('XD08AG', '聚维酮碘溶液', '瓶', [400, 1200], 'class-a'),
  drug('XD06AX', '莫匹罗星软膏', '支', [1200, 2600], 'class-b', '限皮肤细菌感染'),
  drug('ZA01BA', '牛黄解毒片', '盒', [400, 1200], 'class-a'),
  drug('ZA04CA', '口炎清颗粒', '盒', [1500, 3200], 'class-b'),
  drug('ZA02BA', '复方板蓝根颗粒', '盒', [600, 1800], 'class-a'),
  drug('ZA03CA', '连花清瘟胶囊', '盒', [1400, 3000], 'class-b'),
  drug('ZA10BA', '云南白药胶囊', '盒', [2200, 4200], 'class-b', '限出血或创伤'),
  procedure('310511001', '根管治疗术（单根管）', '根管', [12000, 30000], 'class-b'),
  procedure('310511001', '根管治疗术（多根管）', '牙', [30000, 80000], 'class-b'),
  procedure('310511003', '根管充填术', '根管', [6000, 15000], 'class-b'),
  procedure('310511005', '显微根管治疗', '牙', [80000, 200000], 'self-pay'),
  procedure('310511002', '开髓引流术', '牙', [2000, 6000], 'class-a'),
  procedure('310511011', '盖髓术', '牙', [3000, 8000], 'class-b'),
  procedure('310513001', '龋齿充填术（树脂）', '牙', [8000, 30000], 'class-b'),
  procedure('310513002', '窝沟封闭', '牙', [3000, 8000], 'class-b', '限14周岁以下儿童'),
  procedure('310513003', '牙齿脱敏治疗', '牙', [1000, 3000], 'self-pay'),
  procedure('310512001', '普通拔牙', '牙', [3000, 10000], 'class-a'),
  procedure('310512002', '复杂牙拔除术', '牙', [15000, 40000], 'class-a'),
  procedure('310512003', '阻生智齿拔除术', '牙', [30000, 120000], 'class-b'),
  procedure('310512004', '乳牙拔除术', '牙', [2000, 6000], 'class-a'),
  procedure('310514001', '龈上洁治术（洗牙）', '全口', [10000, 30000], 'self-pay'),
  procedure('310514002', '龈下刮治术', '牙', [3000, 10000], 'class-b'),
  procedure('310514003', '牙周袋冲洗上药', '牙', [500, 2000], 'class-a'),
  procedure('310514005', '牙周翻瓣术', '区段', [60000, 150000], 'class-b'),
  procedure('310515001', '烤瓷冠修复', '牙', [80000, 300000], 'self-pay'),
  procedure('310515002', '全瓷冠修复', '牙', [200000, 600000], 'self-pay'),
  procedure('310515004', '活动义齿修复', '副', [50000, 300000], 'class-b', '限60周岁以上'),
  procedure('310515008', '种植体植入术', '颗', [500000, 1500000], 'self-pay'),
  procedure('310516001', '固定矫治器正畸治疗', '疗程', [1500000, 3500000], 'self-pay'),
  procedure('310516002', '隐形矫治', '疗程', [2500000, 5000000], 'self-pay'),
  procedure('310517001', '冷光牙齿美白', '全口', [150000, 400000], 'self-pay'),
  procedure('210100003', '牙片（根尖片）', '片', [1500, 4000], 'class-a'),
  procedure('210100005', '曲面体层片（全景片）', '次', [6000, 15000], 'class-a'),
  procedure('210100007', '口腔颌面锥形束CT', '次', [15000, 40000], 'class-b'),
  procedure('250101001', '血常规', '次', [1500, 3000], 'class-a'),
  procedure('250301001', '血糖测定', '次', [500, 1500], 'class-a'),
  procedure('310701001', '心电图', '次', [1500, 3000], 'class-a'),
  procedure('120400001', '静脉注射', '次', [300, 1000], 'class-a'),
  procedure('120400002', '肌肉注射', '次', [200, 800], 'class-a'),
  procedure('120400006', '静脉输液', '组', [800, 2000], 'class-a'),
  procedure('121600001', '换药（小）', '次', [1000, 2500], 'class-a'),
  procedure('331601001', '清创缝合术', '次', [5000, 15000], 'class-a'),
  procedure('430000001', '针灸', '次', [2000, 5000], 'class-b', '限门诊每年不超过30次'),
  material('C1001', '一次性使用无菌注射器', '支', [50, 300], 'class-a'),
  material('C1001', '一次性使用输液器', '套', [200, 800], 'class-a'),
  material('C1002', '医用纱布块', '包', [100, 500], 'class-a'),
  material('C1002', '医用脱脂棉球', '包', [100, 400], 'class-a'),
  material('C1003', '一次性使用口腔器械盒', '套', [500, 1500], 'class-b'),
  material('C1003', '一次性使用吸唾管', '支', [50, 200], 'self-pay'),
  material('C1401', '光固化复合树脂', '支', [8000, 25000], 'class-b'),
  material('C1401', '玻璃离子水门汀', '克', [1000, 3000], 'class-b'),
  material('C1402', '镍钛根管锉', '支', [3000, 12000], 'class-b', '限根管治疗使用'),
  material('C1402', '根管充填牙胶尖', '盒', [2000, 6000], 'class-b'),
  material('C1403', '氢氧化钙糊剂', '支', [3000, 8000], 'class-b'),
  material('C1404', '牙科印模材料', '份', [2000, 8000], 'self-pay'),
  material('C1405', '种植体（国产）', '颗', [300000, 800000], 'self-pay'),
  material('C1405', '种植体（进口）', '颗', [600000, 1500000], 'self-pay'),
  material('C1406', '可吸收缝合线', '根', [2000, 8000], 'class-b'),
  material('C1406', '牙周塞治剂', '份', [1000, 3000], 'class-b'),
  material('C1407', '正畸托槽', '副', [150000, 600000], 'self-pay'),
  material('C1408', '医用橡皮障', '片', [500, 2000], 'self-pay'),
  facility('110200001', '普通门诊诊查费', '次', [500, 1500], 'class-a'),
  facility('110200002', '副主任医师诊查费', '次', [1500, 3000], 'class-b'),
  facility('110200003', '主任医师诊查费', '次', [2500, 5000], 'class-b'),
  facility('110200005', '急诊诊查费', '次', [1000, 2500], 'class-a'),
  facility('110900001', '门诊留观床位费', '日', [1000, 3000], 'class-a'),
  facility('111000001', '一般专项护理', '次', [500, 1500], 'class-a'),
  facility('110100001', '挂号费', '次', [100, 500], 'class-a'),
  facility('110300001', '远程会诊', '次', [10000, 30000], 'self-pay'),
];

/** Strengths and packs that tell two items of the same name apart in a large catalogue. */
export const SPECS: readonly string[] = [
  '0.25g×24粒',
  '0.5g×12片',
  '0.1g×20片',
  '10mg×7片',
  '20mg×14片',
  '5ml:0.1g',
  '100ml',
  '250ml',
  '10g',
  '儿童型',
  '加强型',
  '国产',
  '进口',
  '一次性',
  'Ⅰ型',
  'Ⅱ型',
];

/** Self-pay ratios a municipal list gives 乙类 items, in basis points (5 %–30 %). */
export const CLASS_B_RATIOS: readonly number[] = [500, 1000, 1000, 1500, 2000, 3000];
