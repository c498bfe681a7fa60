/**
 * SLRT's "cek data" step: is the household in DTSEN with a desil, and if not, did a home visit
 * verify it? Programmes that read the desil cannot be decided by the rules alone when the answer
 * is no, and a home visit that contradicts DTSEN is for a supervisor to weigh.
 */
import type { ManualReviewRequiredV1Data } from '@lastri/contracts';

import type { EligibilityInputs } from '../inputs/eligibility-inputs';

export type ReviewReason = ManualReviewRequiredV1Data['reasons'][number];
export type ReviewReasonCode = ReviewReason['code'];

export interface WelfareDataScreening {
  /** Why desil-based outcomes need a person: empty when DTSEN data settles them. */
  readonly reasons: readonly ReviewReason[];
  /** A home visit judged TIDAK_LAYAK a household DTSEN ranks in a low desil. */
  readonly homeVisitContradictsDtsen: boolean;
}

export function screenWelfareData(inputs: EligibilityInputs): WelfareDataScreening {
  const { dtsenStatus, desil } = inputs.assessment;
  const verdict = inputs.homeVisit?.verdict;

  if (dtsenStatus === 'IN_DTSEN') {
    if (desil === null) {
      return {
        reasons: [{ code: 'DESIL_UNKNOWN', description: 'Rumah tangga tercatat di DTSEN tetapi belum memiliki desil' }],
        homeVisitContradictsDtsen: false,
      };
    }
    if (verdict === 'TIDAK_LAYAK') {
      return {
        reasons: [
          {
            code: 'HOME_VISIT_TIDAK_LAYAK',
            description: `Kunjungan rumah menilai tidak layak, berbeda dengan desil DTSEN ${desil}`,
          },
        ],
        homeVisitContradictsDtsen: true,
      };
    }
    return { reasons: [], homeVisitContradictsDtsen: false };
  }

  const reasons: ReviewReason[] = [
    {
      code: 'NOT_IN_DTSEN',
      description: 'Rumah tangga belum tercatat di DTSEN: program berbasis desil diputuskan petugas dan rumah tangga diusulkan ke DTSEN',
    },
  ];
  if (desil !== null) {
    reasons.push({ code: 'DATA_CONFLICT', description: `Desil ${desil} tercatat padahal rumah tangga tidak ada di DTSEN` });
  }
  if (verdict === undefined) {
    reasons.push({ code: 'HOME_VISIT_MISSING', description: 'Belum ada kunjungan rumah untuk memverifikasi warga di luar DTSEN' });
  } else if (verdict === 'TIDAK_DITEMUI') {
    reasons.push({ code: 'HOME_VISIT_TIDAK_DITEMUI', description: 'Kunjungan rumah tidak menemui warga' });
  } else if (verdict === 'TIDAK_LAYAK') {
    reasons.push({ code: 'HOME_VISIT_TIDAK_LAYAK', description: 'Kunjungan rumah menilai rumah tangga tidak layak' });
  }
  return { reasons, homeVisitContradictsDtsen: false };
}
