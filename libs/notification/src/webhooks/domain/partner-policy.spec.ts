import { loadPartnerPolicy } from '../infrastructure/partner-policy-file';
import { minimise, parsePartnerPolicy } from './partner-policy';

const referral = {
  referralId: 'r-1', agencyId: 'dinas-kesehatan', programme: 'PBI_JK', needCategory: 'HEALTH', priority: 'NORMAL',
  acknowledgeDueAt: '2026-03-05T17:00:00.000Z', decideDueAt: '2026-03-10T17:00:00.000Z',
};
const resident = { name: 'Siti Aminah', nikMasked: '357504******0001', phone: '+6281234567890', address: { street: 'Jl. Hasanudin', rt: '004', rw: '002', kelurahanCode: '35.75.04.1011' } };

describe('partner policy', () => {
  it('gives each programme only the fields its policy grants, and never the step’s free text', () => {
    const event = { id: 'e-1', type: 'ReferralDeclined', occurredAt: '2026-03-03T01:00:00.000Z', data: { reasonCode: 'CAPACITY', reason: 'Kuota penuh; ibu sedang dirawat karena TBC' } };
    const sent = minimise(loadPartnerPolicy(), event, referral, resident);
    expect(sent).toEqual({
      type: 'ReferralDeclined',
      timestamp: '2026-03-03T01:00:00.000Z',
      data: {
        eventId: 'e-1', referralId: 'r-1', agencyId: 'dinas-kesehatan', reasonCode: 'CAPACITY', programme: 'PBI_JK', priority: 'NORMAL',
        acknowledgeDueAt: referral.acknowledgeDueAt, decideDueAt: referral.decideDueAt,
        resident: { name: 'Siti Aminah', nikMasked: '357504******0001', phone: '+6281234567890' },
      },
    });
  });

  it('refuses a policy that grants a field outside the vocabulary or forgets a programme', () => {
    const programmes = Object.fromEntries(['PKH', 'SEMBAKO', 'SEMBAKO_DAERAH', 'PBI_JK', 'PIP', 'ATENSI', 'PELATIHAN', 'KERJA'].map((p) => [p, ['programme']]));
    expect(() => parsePartnerPolicy({ version: 't', programmes })).not.toThrow();
    expect(() => parsePartnerPolicy({ version: 't', programmes: { ...programmes, PKH: ['programme', 'resident.desil'] } })).toThrow(/resident.desil/);
    const { KERJA: _left, ...withoutKerja } = programmes;
    expect(() => parsePartnerPolicy({ version: 't', programmes: withoutKerja })).toThrow(/KERJA/);
  });
});
