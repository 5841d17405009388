/**
 * Real county-level codes (GB/T 2260) across the provinces, with the city each belongs to: the
 * first six digits of the demo resident ID numbers and the source of insured regions.
 */
// prettier-ignore
export const demoAreas: readonly { code: string; city: string }[] = [
  { code: '110101', city: '北京市' }, { code: '110102', city: '北京市' },
  { code: '110105', city: '北京市' }, { code: '110108', city: '北京市' },
  { code: '120101', city: '天津市' }, { code: '120104', city: '天津市' },
  { code: '130102', city: '石家庄市' }, { code: '130104', city: '石家庄市' },
  { code: '140105', city: '太原市' }, { code: '150102', city: '呼和浩特市' },
  { code: '210102', city: '沈阳市' }, { code: '210202', city: '大连市' },
  { code: '220102', city: '长春市' }, { code: '230102', city: '哈尔滨市' },
  { code: '310101', city: '上海市' }, { code: '310104', city: '上海市' },
  { code: '310115', city: '上海市' }, { code: '320102', city: '南京市' },
  { code: '320505', city: '苏州市' }, { code: '320506', city: '苏州市' },
  { code: '330102', city: '杭州市' }, { code: '330106', city: '杭州市' },
  { code: '330203', city: '宁波市' }, { code: '340102', city: '合肥市' },
  { code: '350102', city: '福州市' }, { code: '350203', city: '厦门市' },
  { code: '360102', city: '南昌市' }, { code: '370102', city: '济南市' },
  { code: '370202', city: '青岛市' }, { code: '410102', city: '郑州市' },
  { code: '410105', city: '郑州市' }, { code: '420102', city: '武汉市' },
  { code: '420106', city: '武汉市' }, { code: '430102', city: '长沙市' },
  { code: '430104', city: '长沙市' }, { code: '440103', city: '广州市' },
  { code: '440104', city: '广州市' }, { code: '440106', city: '广州市' },
  { code: '440303', city: '深圳市' }, { code: '440304', city: '深圳市' },
  { code: '440305', city: '深圳市' }, { code: '450102', city: '南宁市' },
  { code: '460105', city: '海口市' }, { code: '500103', city: '重庆市' },
  { code: '510104', city: '成都市' }, { code: '510107', city: '成都市' },
  { code: '520102', city: '贵阳市' }, { code: '530102', city: '昆明市' },
  { code: '540102', city: '拉萨市' }, { code: '610102', city: '西安市' },
  { code: '610113', city: '西安市' }, { code: '620102', city: '兰州市' },
  { code: '630102', city: '西宁市' }, { code: '640104', city: '银川市' },
  { code: '650102', city: '乌鲁木齐市' },
];
