import { App, Col, Flex, Input, Row, type CheckboxRef, type InputRef } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../../shared/patients/patient';
import type { Staff } from '../../../../shared/staff/staff';
import {
  offlineEligibility,
  verifyBlockers,
  type VerificationOutcome,
} from '../../../../shared/visits/verification';
import { REASON_MAX, type Visit } from '../../../../shared/visits/visit';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { actorOf } from '../../db/staff';
import { previewCheck, recordVerification } from '../../db/verifications';
import { CardSection, NO_CARD, type CardReading } from './card-section';
import { FlagList } from './check-tags';
import { DocumentSection } from './document-section';
import { EligibilityLine } from './eligibility-line';
import { OutcomeSection } from './outcome-section';
import type { OutcomeValues } from './reason-form';
import { PersonSection } from './person-section';
import { useStaffNames } from './use-staff-names';

type VerificationFormProps = {
  me: Staff;
  visit: Visit;
  patient: Patient;
  onDone: () => void;
  documentRef: Ref<InputRef>;
};

/**
 * 证、卡、人 in the order the desk works, from the keyboard: swipe the ID (Enter), swipe or scan
 * the card (Enter), tick the person (Enter), and the outcome. Flags follow every keystroke.
 */
export const VerificationForm = ({
  me,
  visit,
  patient,
  onDone,
  documentRef,
}: VerificationFormProps) => {
  const { t } = useTranslation();
  const services = useServices();
  const { message } = App.useApp();
  const staffName = useStaffNames();
  const actor = useActor();
  const [presented, setPresented] = useState(false);
  const [documentNumber, setDocumentNumber] = useState('');
  const [card, setCard] = useState<CardReading>(NO_CARD);
  const [personConfirmed, setPersonConfirmed] = useState(false);
  const [note, setNote] = useState('');
  const cardRef = useRef<InputRef>(null);
  const personRef = useRef<CheckboxRef>(null);
  const verifyRef = useRef<HTMLButtonElement>(null);

  const preview = useLiveQuery(
    () =>
      previewCheck(services, actor, patient, {
        documentNumber: presented ? documentNumber : undefined,
        cardNumber: card.number,
      }),
    [services, actor, patient, presented, documentNumber, card.number],
  );
  const blockers = verifyBlockers({
    documentPresented: presented,
    documentMatches: preview?.documentMatches,
    cardMethod: card.method,
    cardMatches: preview?.cardMatches,
    personConfirmed,
    insured: patient.scheme !== 'self-pay',
  });

  const submit = async (outcome: VerificationOutcome, values: OutcomeValues) => {
    const check = await recordVerification(services, actorOf(me), {
      visitId: visit.id,
      documentPresented: presented,
      documentNumber,
      cardMethod: card.method,
      cardNumber: card.number,
      rawScan: card.rawScan,
      personConfirmed,
      outcome,
      reason: values.reason,
      note,
      override:
        outcome === 'overridden'
          ? { username: values.overrideUsername ?? '', password: values.overridePassword ?? '' }
          : undefined,
    });
    const officer = staffName(check.overriddenBy);
    void message.success(t(`visits.panel.done.${outcome}`, { name: patient.name, officer }));
    onDone();
  };

  return (
    <Row gutter={16}>
      <Col span={14}>
        <Flex vertical gap={12}>
          <FlagList flags={preview?.flags ?? []} />
          <Row gutter={12}>
            <Col span={12}>
              <DocumentSection
                patient={patient}
                presented={presented}
                number={documentNumber}
                matches={presented ? preview?.documentMatches : undefined}
                onPresented={setPresented}
                onNumber={setDocumentNumber}
                onEnter={() => cardRef.current?.focus()}
                inputRef={documentRef}
              />
            </Col>
            <Col span={12}>
              <CardSection
                patient={patient}
                reading={card}
                matches={preview?.cardMatches}
                onReading={setCard}
                onEnter={() => personRef.current?.focus()}
                inputRef={cardRef}
              />
            </Col>
          </Row>
          <Input
            value={note}
            maxLength={REASON_MAX}
            onChange={(event) => setNote(event.target.value)}
            placeholder={t('visits.panel.note')}
            aria-label={t('visits.panel.note')}
          />
          <OutcomeSection blockers={blockers} onSubmit={submit} verifyRef={verifyRef} />
        </Flex>
      </Col>
      <Col span={10}>
        <Flex vertical gap={12}>
          <EligibilityLine eligibility={preview?.eligibility ?? offlineEligibility([])} />
          <PersonSection
            patient={patient}
            confirmed={personConfirmed}
            onConfirmed={setPersonConfirmed}
            onEnter={() => verifyRef.current?.focus()}
            checkboxRef={personRef}
          />
        </Flex>
      </Col>
    </Row>
  );
};
