import {
  RATIO_SCALE,
  type CatalogueCategory,
  type Coverage,
} from '../../../../shared/catalogue/catalogue';
import type { Decision, Relation } from '../../../../shared/consents/consent';
import type { IdDocumentType } from '../../../../shared/identity/id-number';
import type { Sex } from '../../../../shared/identity/sex';

/**
 * The notice's own words. Chinese only, whatever the screen language: the notice is a Chinese
 * medical document that goes into the record and into the patient's hands (PRODUCT.md §2.6).
 */
export const noticeWords = {
  title: { agreed: '自费项目知情同意书', refused: '自费项目知情拒绝书' } satisfies Record<
    Decision,
    string
  >,
  region: '参保地',
  draft: '草稿 · 未签字',
  patient: {
    name: '患者姓名',
    sex: '性别',
    age: '年龄',
    birthDate: '出生日期',
    idNumber: '证件号码',
    cardNumber: '医保卡号',
    visitDate: '就诊日期',
  },
  columns: {
    index: '序号',
    code: '编码',
    name: '项目名称',
    category: '类别',
    coverage: '医保类别',
    price: '单价（元）',
    quantity: '数量',
    selfPay: '自付金额（元）',
  },
  teeth: '牙位',
  reason: '使用原因',
  alternatives: '可选替代方案',
  noAlternative: '无可替代方案',
  restriction: '医保限定支付范围',
  totalPrice: '费用合计',
  selfPayTotal: '其中个人自付',
  yuan: '元',
  signer: {
    patient: '患者签字',
    representative: '代签人签字',
    witness: '见证人签字',
  },
  witnessNote: '患者拒绝签字，由见证人签字确认已告知',
  relation: '与患者关系',
  name: '姓名',
  clinician: '接诊医生签字',
  signedAt: '签字时间',
  unsigned: '（未签字）',
  fingerprint: '内容指纹',
  footer: '本告知书签字后不可修改；如需更正，须作废后重新签署新版本。',
  sex: { male: '男', female: '女' } satisfies Record<Sex, string>,
  category: {
    drug: '药品',
    procedure: '诊疗项目',
    material: '医用耗材',
    facility: '服务设施',
  } satisfies Record<CatalogueCategory, string>,
  relations: {
    parent: '父母',
    guardian: '监护人',
    spouse: '配偶',
    child: '子女',
    sibling: '兄弟姐妹',
    other: '其他',
  } satisfies Record<Relation, string>,
  idTypes: {
    resident: '居民身份证',
    'foreign-permanent': '外国人永久居留身份证',
    'hmt-residence': '港澳台居民居住证',
    passport: '护照',
    'hk-macao-permit': '港澳居民来往内地通行证',
    'taiwan-permit': '台湾居民来往大陆通行证',
  } satisfies Record<IdDocumentType, string>,
};

/** "10%", "7.5%", "12.34%": a basis-point ratio as a person writes it, exact and without float noise. */
export const percentOf = (bp: number): string => {
  const whole = Math.trunc(bp / 100);
  const rest = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return rest ? `${whole}.${rest}%` : `${whole}%`;
};

/** 甲类, 乙类（自付 10%）, 自费: what the patient needs to see about the insurance share. */
export const coverageLabel = (coverage: Coverage, selfPayRatioBp: number): string =>
  coverage === 'class-a'
    ? '甲类'
    : coverage === 'self-pay'
      ? '自费'
      : `乙类（自付 ${percentOf(Math.min(selfPayRatioBp, RATIO_SCALE))}）`;

/** The coverage label in pieces that may each go on its own line of a narrow column. */
export const coverageParts = (coverage: Coverage, selfPayRatioBp: number): string[] =>
  coverageLabel(coverage, selfPayRatioBp).split(/(?=（)/);

/** "第 2 版，更正第 1 版" for a correction; "第 1 版" otherwise. */
export const versionLine = (version: number, previousVersion?: number): string =>
  previousVersion === undefined
    ? `第 ${version} 版`
    : `第 ${version} 版，更正第 ${previousVersion} 版`;

/** The first characters of the fingerprint, grouped in fours so that it can be read aloud. */
export const shortFingerprint = (hash: string): string =>
  (hash.slice(0, 16).match(/.{1,4}/g) ?? []).join(' ').toUpperCase();

/**
 * The name the save dialog suggests: what it is, which visit and version, and the start of the
 * patient's record id to tell two patients' notices of one day apart. Not the patient's name: a
 * file name travels into recent-file lists, logs and error texts (hardening item 13).
 */
export const pdfFileName = (content: {
  decision: Decision;
  patient: { id: string };
  visit: { date: string };
  version: number;
}): string =>
  `${noticeWords.title[content.decision]}-${content.visit.date}-v${content.version}-${content.patient.id.slice(0, 8)}.pdf`.replace(
    /[\\/:*?"<>|\s]+/g,
    '_',
  );

/** The head of every printed page: clinic, patient, visit day and version. */
export const runningHead = (content: {
  decision: Decision;
  clinic: { name: string };
  patient: { name: string };
  visit: { date: string };
  version: number;
}): string =>
  `${content.clinic.name} · ${noticeWords.title[content.decision]} · ${content.patient.name} · ${content.visit.date} · 第 ${content.version} 版`;
