import { readFileSync } from 'node:fs';
import path from 'node:path';
import { upcast, validateEventData, type CaseSubmittedV2Data } from '@lastri/contracts';

import { caseSubmitted, child, circumstancesChanged, inputsOf } from '../../testing/case-submitted.fixture';
import { applyCircumstances, applyProfileCorrection, inputsDigest, inputsFromCaseSubmitted } from './eligibility-inputs';

describe('eligibility inputs', () => {
  it('keep what the rules read and leave out identity, street, case description and visit findings', () => {
    const submitted = caseSubmitted({
      homeVisit: { visitId: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a', visitedAt: '2025-11-12T10:30:00+07:00', findings: 'Rumah kontrakan.', verdict: 'LAYAK' },
    });
    const inputs = inputsFromCaseSubmitted(submitted);
    const text = JSON.stringify(inputs);
    for (const personal of [submitted.resident.nik, submitted.resident.noKk, submitted.resident.name, 'Hasanudin', submitted.case.description, 'kontrakan']) {
      expect(text).not.toContain(personal);
    }
    expect(inputs.resident).toEqual({ birthDate: '1985-03-12', kelurahanCode: '35.75.04.1011', kecamatanCode: '35.75.04' });
    expect(inputs.homeVisit).toEqual({ visitedAt: '2025-11-12T10:30:00+07:00', verdict: 'LAYAK' });
  });

  it('count a newborn as a child of 0 and a grandparent moving in as elderly, at their age on the day they joined', () => {
    const inputs = applyCircumstances(
      inputsOf(),
      circumstancesChanged(
        {
          householdMembersJoined: [
            { name: 'Bayi', relation: 'ANAK', birthDate: '2025-11-30', sex: 'PEREMPUAN' },
            { name: 'Mbah Kakung', relation: 'ORANG_TUA', birthDate: '1950-12-01', sex: 'LAKI_LAKI' },
            { name: 'Menantu', relation: 'ISTRI', birthDate: '2006-01-01', sex: 'PEREMPUAN' },
          ],
        },
        { effectiveFrom: '2025-12-01' },
      ),
    );
    expect(inputs.assessment.children).toEqual([{ name: 'Bayi', age: 0, enrolled: false, level: null, grade: null }]);
    expect(inputs.assessment.elderlyMembers).toEqual([{ name: 'Mbah Kakung', age: 75 }]);
    expect(inputs.assessment.householdSize).toBe(6);
  });

  it('remove a member who left from every list, matching the name loosely', () => {
    const before = inputsOf({
      assessment: {
        children: [child(9, 'SD', 'Nur Aini')],
        elderlyMembers: [{ name: 'Sumiati', age: 72 }],
        disabledMembers: [{ name: 'Sumiati', kind: 'PHYSICAL', severity: 'SEVERE' }],
      },
    });
    const after = applyCircumstances(before, circumstancesChanged({ householdMembersLeft: [{ name: ' sumiati ', cause: 'DECEASED' }] }));
    expect(after.assessment.elderlyMembers).toEqual([]);
    expect(after.assessment.disabledMembers).toEqual([]);
    expect(after.assessment.children).toHaveLength(1);
    expect(after.assessment.householdSize).toBe(2);
  });

  it('take a move, a new income, work, disability and pregnancy as they are now', () => {
    const after = applyCircumstances(
      inputsOf(),
      circumstancesChanged({
        address: { street: 'Jl. Baru', rt: '001', rw: '001', kelurahanCode: '35.14.01.2001', kecamatanCode: '35.14.01' },
        householdIncomePerMonth: 900_000,
        employmentStatus: 'UNEMPLOYED',
        disabledMembers: [{ name: 'B', kind: 'SENSORY', severity: 'MODERATE' }],
        pregnantOrNursing: true,
      }),
    );
    expect(after.resident.kelurahanCode).toBe('35.14.01.2001');
    expect(after.assessment).toMatchObject({
      householdIncomePerMonth: 900_000,
      employmentStatus: 'UNEMPLOYED',
      disabledMembers: [{ name: 'B', kind: 'SENSORY', severity: 'MODERATE' }],
      pregnantOrNursing: true,
    });
  });

  it('take a corrected birth date and address, and ignore corrections the rules do not read', () => {
    const inputs = inputsOf();
    expect(applyProfileCorrection(inputs, { residentId: 'r', corrections: { phone: '+6281234567890' }, reason: 'Salah ketik.' })).toBe(inputs);
    expect(applyProfileCorrection(inputs, { residentId: 'r', corrections: { birthDate: '1955-03-12' }, reason: 'KK dibaca ulang.' }).resident.birthDate).toBe(
      '1955-03-12',
    );
  });

  it('digest the same whatever the key order, and differently when any value differs', () => {
    const inputs = inputsOf();
    expect(inputsDigest(Object.fromEntries(Object.entries(inputs).reverse()) as typeof inputs)).toBe(inputsDigest(inputs));
    expect(inputsDigest({ ...inputs, assessment: { ...inputs.assessment, householdIncomePerMonth: 2_000_001 } })).not.toBe(inputsDigest(inputs));
  });

  it('are the same for a snapshot stored as CaseSubmitted v1 and for its v2, which references members by NIK', () => {
    const example = (version: number) =>
      upcast(
        'CaseSubmitted',
        version,
        JSON.parse(readFileSync(path.resolve(__dirname, `../../../../../contracts/examples/intake/case-submitted.v${version}.json`), 'utf8')),
      ) as CaseSubmittedV2Data;
    const [v1, v2] = [example(1), example(2)];
    expect(validateEventData('CaseSubmitted', 2, v1)).toEqual({ ok: true });
    expect(v2.assessment.children[0].nik).toBe('3575042107100003');

    expect(inputsFromCaseSubmitted(v1)).toEqual(inputsFromCaseSubmitted(v2));
    expect(JSON.stringify(inputsFromCaseSubmitted(v2))).not.toContain('3575042107100003');
  });

  it('leave out a pupil older than a determination can carry: the rule data, up to 21, would not count them', () => {
    const inputs = inputsOf({ assessment: { children: [child(21, 'SMK', 'Rina'), child(22, 'SMK', 'Rudi')] } });
    expect(inputs.assessment.children.map(({ name }) => name)).toEqual(['Rina']);
  });
});
