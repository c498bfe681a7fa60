import { renderMoment } from '.';

const CASE = '7e4d2c1b-3a5f-4e8d-b6c9-0f1e2d3c4b5a';

describe('message templates', () => {
  it('tells the resident their case was received, with the number to quote', () => {
    const message = renderMoment({ template: 'case-received', parameters: { name: 'Siti Aminah', caseId: CASE, submittedOn: '2025-11-12' } });
    expect(message.subject).toBe('Permohonan bantuan Anda sudah kami terima (No. 7E4D2C1B)');
    expect(message.body).toContain('Permohonan bantuan sosial Anda tanggal 12 November 2025 sudah kami terima dengan nomor 7E4D2C1B.');
    expect(message.sms).toBe('Dinsos Kota Pasuruan: Yth. Siti Aminah, permohonan bantuan Anda sudah kami terima (No. 7E4D2C1B). Kami kabari lagi setelah diperiksa.');
  });

  it('explains an eligibility outcome per programme, each unmet criterion in plain words with what was found', () => {
    const message = renderMoment({
      template: 'eligibility-outcome',
      parameters: {
        name: 'Siti Aminah',
        caseId: CASE,
        programmes: [
          { programme: 'PIP', outcome: 'ELIGIBLE', unmet: [] },
          { programme: 'PKH', outcome: 'NOT_ELIGIBLE', unmet: [{ description: 'Desil rumah tangga paling tinggi 4', observed: 6 }, { description: 'Ada anggota keluarga komponen PKH', observed: [] }] },
          { programme: 'SEMBAKO_DAERAH', outcome: 'NEEDS_REVIEW', unmet: [] },
        ],
      },
    });
    expect(message.body).toContain('- Program Indonesia Pintar (PIP): LAYAK.');
    expect(message.body).toContain(
      '- Program Keluarga Harapan (PKH): BELUM LAYAK, karena syarat berikut belum terpenuhi:\n    • Desil rumah tangga paling tinggi 4 (data Anda: 6)\n    • Ada anggota keluarga komponen PKH (data Anda: belum ada data)',
    );
    expect(message.body).toContain('- Bantuan Sembako Daerah Kota Pasuruan: MASIH DIPERIKSA.');
    expect(message.sms).toContain('PIP layak; PKH belum layak; Bantuan Sembako Daerah Kota Pasuruan masih diperiksa.');
    expect(message.sms).toContain('Belum terpenuhi: PKH: Desil rumah tangga paling tinggi 4; Ada anggota keluarga komponen PKH.');
  });

  it('says what to bring to a manual review, by its reasons', () => {
    const message = renderMoment({ template: 'manual-review', parameters: { name: 'Siti Aminah', caseId: CASE, programmes: ['SEMBAKO_DAERAH'], reasons: ['DATA_CONFLICT', 'HOME_VISIT_TIDAK_DITEMUI'] } });
    expect(message.body).toContain('- KTP asli\n- Kartu Keluarga (KK) asli\n- bukti penghasilan (slip gaji atau surat keterangan penghasilan dari RT/RW)');
    expect(message.body).toContain('mohon ada anggota keluarga di rumah');
    expect(message.sms).toContain('Mohon datang ke kelurahan membawa KTP asli, Kartu Keluarga (KK) asli dan bukti penghasilan');
  });

  it('names the agency and programme of a referral accepted, declined or completed', () => {
    const accepted = renderMoment({ template: 'referral-accepted', parameters: { name: 'Siti Aminah', programme: 'PIP', agencyId: 'dinas-pendidikan', expectedStartOn: '2026-01-05' } });
    expect(accepted.subject).toBe('Program Indonesia Pintar (PIP): rujukan Anda diterima');
    expect(accepted.body).toContain('Layanan direncanakan mulai tanggal 5 Januari 2026.');
    const declined = renderMoment({ template: 'referral-declined', parameters: { name: 'Siti Aminah', programme: 'PIP', agencyId: 'dinas-pendidikan', reason: 'Kuota PIP semester ini sudah penuh.' } });
    expect(declined.sms).toContain('belum dapat dilayani Dinas Pendidikan Kota Pasuruan. Alasan: Kuota PIP semester ini sudah penuh.');
    const completed = renderMoment({ template: 'service-completed', parameters: { name: 'Siti Aminah', programme: 'PIP', agencyId: 'dinas-pendidikan', completedOn: '2026-02-10', outcome: 'SERVICE_DELIVERED' } });
    expect(completed.body).toContain('selesai pada 10 Februari 2026: layanan sudah diberikan sepenuhnya.');
  });
});
