import type { RecordConsentInput } from '../../application/record-consent/record-consent.handler';
import type { WithdrawConsentInput } from '../../application/withdraw-consent/withdraw-consent.handler';
import {
  CONSENT_GIVER_RELATIONS,
  CONSENT_METHODS,
  LEGAL_BASES,
  PROCESSING_PURPOSES,
  type ConsentGiver,
  type ConsentGiverRelation,
  type ConsentMethod,
  type LegalBasis,
  type ProcessingPurpose,
} from '../../domain/vocabulary';
import { Instant, ListOf, Nested, OneOf, Text } from './field-rules';

export class ConsentGiverDto {
  @Text(200, { example: 'Siti Aminah' })
  name!: string;

  @OneOf(CONSENT_GIVER_RELATIONS, { description: 'SELF, or PARENT / GUARDIAN for a child (under 18) or a person under guardianship.' })
  relation!: ConsentGiverRelation;
}

export class RecordConsentDto {
  @OneOf(LEGAL_BASES, { description: 'UU PDP art. 20(2). With CONSENT, givenBy and method are required; otherwise legalReference.' })
  legalBasis!: LegalBasis;

  @Text(300, { optional: true, example: 'Permensos 15/2018 tentang SLRT' })
  legalReference?: string;

  @ListOf(PROCESSING_PURPOSES, { minItems: 1 })
  purposes!: ProcessingPurpose[];

  @Nested(() => ConsentGiverDto, { optional: true })
  givenBy?: ConsentGiverDto;

  @OneOf(CONSENT_METHODS, { optional: true })
  method?: ConsentMethod;

  @Instant({ optional: true, description: 'When consent was given; default: now.' })
  givenAt?: string;
}

export class WithdrawConsentDto {
  @ListOf(PROCESSING_PURPOSES, { optional: true, minItems: 1, description: 'Absent: the consent is withdrawn as a whole.' })
  purposes?: ProcessingPurpose[];

  @Nested(() => ConsentGiverDto)
  withdrawnBy!: ConsentGiverDto;

  @Text(2000, { optional: true, description: 'The reason, if the resident gave one; nobody has to.' })
  reason?: string;
}

const toGiver = (dto: ConsentGiverDto): ConsentGiver => ({ name: dto.name, relation: dto.relation });

export function toRecordConsentInput(dto: RecordConsentDto): RecordConsentInput {
  return {
    legalBasis: dto.legalBasis,
    ...(dto.legalReference !== undefined && { legalReference: dto.legalReference }),
    purposes: [...dto.purposes],
    ...(dto.givenBy !== undefined && { givenBy: toGiver(dto.givenBy) }),
    ...(dto.method !== undefined && { method: dto.method }),
    ...(dto.givenAt !== undefined && { givenAt: dto.givenAt }),
  };
}

export function toWithdrawConsentInput(dto: WithdrawConsentDto): WithdrawConsentInput {
  return {
    ...(dto.purposes !== undefined && { purposes: [...dto.purposes] }),
    withdrawnBy: toGiver(dto.withdrawnBy),
    ...(dto.reason !== undefined && { reason: dto.reason }),
  };
}
