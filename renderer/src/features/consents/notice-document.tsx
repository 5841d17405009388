import { useMemo } from 'react';
import { canonicalJson } from '../../../../shared/canonical-json';
import {
  consentHash,
  type ConsentSignatures,
  type NoticeContent,
} from '../../../../shared/consents/consent';
import { sha256Hex } from '../../../../shared/hash';
import { formatYuan, fen } from '../../../../shared/money';
import { ageOn } from '../../../../shared/patients/display';
import { NoticeItems } from './notice-items';
import { NoticeSignatures } from './notice-signatures';
import { noticeWords as w, shortFingerprint, versionLine } from './notice-words';
import './notice.css';

export type NoticeDocumentProps = {
  content: NoticeContent;
  signatures?: ConsentSignatures;
  signedAt?: string;
  /** The stored hash of a signed notice; shown as is, so that a tampered copy shows the original's. */
  contentHash?: string;
};

const Field = ({ label, value }: { label: string; value: string }) => (
  <span className="notice-field">
    <span className="notice-field-label">{label}：</span>
    <span className="notice-field-value">{value}</span>
  </span>
);

const PatientBlock = ({ content }: { content: NoticeContent }) => {
  const { patient, visit } = content;
  return (
    <section className="notice-patient">
      <Field label={w.patient.name} value={patient.name} />
      <Field label={w.patient.sex} value={w.sex[patient.sex]} />
      <Field label={w.patient.age} value={`${ageOn(patient.birthDate, visit.date)} 岁`} />
      <Field label={w.patient.birthDate} value={patient.birthDate} />
      <Field
        label={`${w.patient.idNumber}（${w.idTypes[patient.idType]}）`}
        value={patient.idNumberMasked}
      />
      {patient.cardNumber && <Field label={w.patient.cardNumber} value={patient.cardNumber} />}
      <Field label={w.patient.visitDate} value={visit.date} />
    </section>
  );
};

const Totals = ({ content }: { content: NoticeContent }) => (
  <p className="notice-totals">
    <span className="notice-nowrap">
      {w.totalPrice}：
      <span className="notice-amount">{formatYuan(fen(content.totalPriceFen))}</span> {w.yuan}
    </span>
    <span className="notice-nowrap">
      {w.selfPayTotal}：
      <strong className="notice-amount">{formatYuan(fen(content.selfPayTotalFen))}</strong> {w.yuan}
    </span>
  </p>
);

/**
 * The self-pay notice as it is read, signed and printed: always in Chinese, A4 or A5, the items
 * table's header repeated on every page. Without signatures it is the draft the patient reads
 * before signing.
 */
export const NoticeDocument = ({
  content,
  signatures,
  signedAt,
  contentHash,
}: NoticeDocumentProps) => {
  const fingerprint = useMemo(
    () =>
      contentHash ??
      (signatures && signedAt
        ? consentHash({ content, signatures, signedAt })
        : sha256Hex(canonicalJson(content))),
    [content, signatures, signedAt, contentHash],
  );
  const signed = !!signatures && !!signedAt;
  return (
    <article className="notice-document" lang="zh-CN">
      <header className="notice-head">
        <div className="notice-clinic">{content.clinic.name}</div>
        <h1 className="notice-title">{w.title[content.decision]}</h1>
        <div className="notice-meta">
          <span>
            {w.region}：{content.clinic.region}
          </span>
          <span>{versionLine(content.version, content.previous?.version)}</span>
          {!signed && <span className="notice-draft">{w.draft}</span>}
        </div>
      </header>
      <PatientBlock content={content} />
      <NoticeItems lines={content.lines} />
      <Totals content={content} />
      <section className="notice-closing">
        <p className="notice-statement">{content.statement}</p>
        <NoticeSignatures content={content} signatures={signatures} signedAt={signedAt} />
      </section>
      <footer className="notice-foot">
        <span>{w.footer}</span>
        <span className="notice-nowrap">
          {w.fingerprint}：{shortFingerprint(fingerprint)}
        </span>
      </footer>
    </article>
  );
};
