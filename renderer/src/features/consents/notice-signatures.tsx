import type { ConsentSignatures, NoticeContent } from '../../../../shared/consents/consent';
import { signaturePath, type Signature } from '../../../../shared/consents/signature';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';
import { maskIdNumber } from '../../../../shared/patients/display';
import { noticeWords as w } from './notice-words';

/** The strokes as drawn on the pad, scaled to the box: crisp at any print size. */
export const SignatureInk = ({ signature, label }: { signature: Signature; label: string }) => (
  <svg
    className="notice-ink"
    viewBox={`0 0 ${signature.width} ${signature.height}`}
    preserveAspectRatio="xMinYMid meet"
    role="img"
    aria-label={label}
  >
    <path
      d={signaturePath(signature)}
      fill="none"
      stroke="#111"
      strokeWidth={Math.max(2, signature.width / 220)}
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  </svg>
);

const SignatureBox = (props: { label: string; signature?: Signature; details?: string[] }) => (
  <div className="notice-sign">
    <div className="notice-sign-label">{props.label}：</div>
    <div className="notice-sign-area">
      {props.signature ? (
        <SignatureInk signature={props.signature} label={props.label} />
      ) : (
        <span className="notice-sign-blank">{w.unsigned}</span>
      )}
    </div>
    {props.details?.map((line) => (
      <div className="notice-sign-detail" key={line}>
        {line}
      </div>
    ))}
  </div>
);

const signerDetails = ({ signer, patient }: NoticeContent): string[] => {
  if (signer.kind === 'patient') return [`${w.name}：${patient.name}`];
  if (signer.kind === 'witness') return [`${w.name}：${signer.name}`, w.witnessNote];
  return [
    `${w.name}：${signer.name}\u3000${w.relation}：${w.relations[signer.relation]}`,
    `${w.idTypes[signer.idType]}：${maskIdNumber(signer.idNumber)}`,
  ];
};

/** 患者 / 代签人 / 见证人 and 接诊医生, side by side, with the signing time under them. */
export const NoticeSignatures = (props: {
  content: NoticeContent;
  signatures?: ConsentSignatures;
  signedAt?: string;
}) => {
  const { signer, clinician } = props.content;
  return (
    <section className="notice-signatures">
      <div className="notice-sign-row">
        <SignatureBox
          label={w.signer[signer.kind]}
          signature={props.signatures?.signer}
          details={signerDetails(props.content)}
        />
        <SignatureBox
          label={w.clinician}
          signature={props.signatures?.clinician}
          details={[`${w.name}：${clinician.name}`]}
        />
      </div>
      <div className="notice-signed-at">
        {w.signedAt}：
        <span className="notice-nowrap">
          {props.signedAt ? formatClinicTime(props.signedAt) : '____年__月__日 __:__'}
        </span>
      </div>
    </section>
  );
};
