import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { consentHash, type NoticeContent } from '../../../../shared/consents/consent';
import { bothSignatures } from '../../db/testing/consents';
import { NoticeDocument } from './notice-document';

const line = (i: number): NoticeContent['lines'][number] => ({
  plannedItemId: `item-${i}`,
  code: `ZF-${i}`,
  name: `种植体 ${i}`,
  category: 'material',
  unit: '颗',
  quantity: 1,
  priceFen: 680_010,
  coverage: 'self-pay',
  selfPayRatioBp: 10_000,
  selfPayFen: 680_010,
  reason: '缺牙修复',
  alternatives: i === 0 ? { kind: 'none' } : { kind: 'offered', text: '活动义齿（医保乙类）' },
});

const content = (patch: Partial<NoticeContent> = {}): NoticeContent => ({
  format: 1,
  clinic: { name: '康宁口腔诊所', region: '广东省 深圳市' },
  patient: {
    id: 'p1',
    name: '王小明',
    sex: 'male',
    birthDate: '1990-05-01',
    idType: 'resident',
    idNumberMasked: '**************1234',
    cardNumber: 'SZ123456',
  },
  visit: { id: 'v1', date: '2026-03-02' },
  lines: [line(0), line(1)],
  totalPriceFen: 1_360_020,
  selfPayTotalFen: 1_360_020,
  decision: 'agreed',
  statement: '我已知晓并同意使用上列项目。',
  signer: { kind: 'patient' },
  clinician: { id: 'd1', name: '李医生' },
  version: 1,
  ...patch,
});

describe('the printed notice', () => {
  it('shows the clinic, the patient, each item with its reason and alternatives, and totals in yuan', () => {
    const html = renderToStaticMarkup(<NoticeDocument content={content()} />);
    for (const text of ['自费项目知情同意书', '康宁口腔诊所', '王小明', '35 岁', '无可替代方案'])
      expect(html).toContain(text);
    expect(html).toContain('活动义齿（医保乙类）');
    expect(html).toContain('13600.20');
    expect(html).toContain('草稿');
  });

  it('says which version it corrects, and who signed for the patient', () => {
    const html = renderToStaticMarkup(
      <NoticeDocument
        content={content({
          decision: 'refused',
          previous: { id: 'c0', version: 1 },
          version: 2,
          signer: {
            kind: 'representative',
            name: '王大明',
            relation: 'parent',
            idType: 'resident',
            idNumber: '110101195001011234',
          },
        })}
      />,
    );
    expect(html).toContain('自费项目知情拒绝书');
    expect(html).toContain('第 2 版，更正第 1 版');
    expect(html).toContain('与患者关系：父母');
    expect(html).toContain('**************1234');
    expect(html).not.toContain('110101195001011234');
  });

  it('draws both signatures and prints the signing time on the clinic clock with the fingerprint', () => {
    const signatures = bothSignatures();
    const signedAt = '2026-03-02T01:30:00.000Z';
    const hash = consentHash({ content: content(), signatures, signedAt });
    const html = renderToStaticMarkup(
      <NoticeDocument content={content()} signatures={signatures} signedAt={signedAt} />,
    );
    expect(html.match(/<path d="M/g)).toHaveLength(2);
    expect(html).toContain('2026-03-02 09:30:00');
    expect(html).toContain(hash.slice(0, 4).toUpperCase());
    expect(html).not.toContain('草稿');
  });
});
