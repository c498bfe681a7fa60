/**
 * Intake and eligibility as deployed: two processes, each its main.ts run by Node through SWC,
 * sharing the PostgreSQL event store and talking only through the real Kafka broker. A case
 * submitted over intake's HTTP API is determined by eligibility; a change of circumstances
 * recorded at intake re-determines it; eligibility's relay publishes the determination to
 * `lastri.eligibility.events`. And the service refuses to start misconfigured.
 */
import { loadAuthConfig, mintToken, type ActorClaims } from '@lastri/auth';
import { EVENT_TOPICS } from '@lastri/contracts';
import {
  eventually,
  freePort,
  kafkaBrokers,
  scratchPostgresDatabase,
  startServiceProcess,
  waitUntilReady,
  type ScratchDatabase,
  type ServiceProcess,
} from '@lastri/testing';
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';

const SECRET = 'eligibility-e2e-secret-with-more-than-32-bytes';
const auth = loadAuthConfig({ AUTH_JWT_SECRET: SECRET });
const KANDANGSAPI = '35.75.04.1011';
/** Siti's children on her KK: the assessment refers to them by these. */
const AHMAD_NIK = '3575042107100003';
const NUR_AINI_NIK = '3575044501160002';

const token = (claims: ActorClaims) => mintToken(auth, claims, { expiresIn: '15m' });

async function call(
  baseUrl: string,
  method: 'GET' | 'POST',
  route: string,
  bearer: string,
  body?: unknown,
) {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** A valid Kota Pasuruan NIK for a woman born on 1985-03-12, with a serial that keeps runs apart. */
function nik(): string {
  return `3575045203850${String(1 + (randomBytes(2).readUInt16BE(0) % 999)).padStart(3, '0')}`;
}

describe('intake and eligibility as two services over Kafka and PostgreSQL', () => {
  jest.setTimeout(300_000);
  let database: ScratchDatabase;
  let brokers: string;
  let intake: ServiceProcess;
  let eligibility: ServiceProcess;
  let published: { type?: string; subject?: string; data: string }[] = [];
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    [database, brokers] = await Promise.all([
      scratchPostgresDatabase('eligibility_e2e'),
      kafkaBrokers(),
    ]);
    const kafka = new Kafka({
      clientId: 'eligibility-e2e',
      brokers: brokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    // Deployment provisions the topics (contracts/asyncapi.yaml); on a fresh test broker, this test does.
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [EVENT_TOPICS.intake, EVENT_TOPICS.eligibility].map((topic) => ({
        topic,
        numPartitions: 6,
        replicationFactor: 1,
      })),
      waitForLeaders: true,
    });
    await admin.disconnect();

    const [intakePort, eligibilityPort] = await Promise.all([freePort(), freePort()]);
    const shared = {
      EVENT_STORE_URL: database.url,
      KAFKA_BROKERS: brokers,
      AUTH_JWT_SECRET: SECRET,
      // Groups of this run only: another stack on the same broker must not take its messages.
      KAFKA_GROUP_PREFIX: `e2e-${randomBytes(4).toString('hex')}`,
    };
    intake = startServiceProcess('intake', 'services/intake/src/main.ts', intakePort, {
      ...shared,
      INTAKE_NIK_PEPPER: 'eligibility-e2e-nik-pepper-value',
    });
    eligibility = startServiceProcess(
      'eligibility',
      'services/eligibility/src/main.ts',
      eligibilityPort,
      shared,
    );

    // What eligibility's relay publishes, read by a group of this test's own from the topic's start.
    consumer = kafka.consumer({ groupId: `eligibility-e2e-${randomBytes(6).toString('hex')}` });
    await consumer.connect();
    await consumer.subscribe({ topics: [EVENT_TOPICS.eligibility], fromBeginning: true });
    published = [];
    await consumer.run({
      eachMessage: async ({ message }) => {
        const header = (name: string) => message.headers?.[name]?.toString();
        published.push({
          type: header('ce_type'),
          subject: header('ce_subject'),
          data: message.value?.toString() ?? '',
        });
      },
    });
    await waitUntilReady([intake, eligibility]);
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await Promise.all([intake?.stop(), eligibility?.stop()]);
    await database?.drop();
  });

  it('takes a case submitted over HTTP to a determination, and a change of circumstances to a new one', async () => {
    const [caseworker, supervisor] = await Promise.all([
      token({ sub: 'budi', name: 'Budi Santoso', roles: ['caseworker'], kelurahan: [KANDANGSAPI] }),
      token({ sub: 'rina', name: 'Rina Wulandari', roles: ['supervisor'] }),
    ]);

    const registered = await call(intake.baseUrl, 'POST', '/residents', caseworker, {
      nik: nik(),
      noKk: '3575041503100007',
      name: 'Siti Aminah',
      birthDate: '1985-03-12',
      sex: 'PEREMPUAN',
      householdRelation: 'KEPALA_KELUARGA',
      address: {
        street: 'Jl. Hasanudin Gg. 3 No. 12',
        rt: '004',
        rw: '002',
        kelurahanCode: KANDANGSAPI,
      },
      householdMembers: [
        { name: 'Ahmad Fauzi', nik: AHMAD_NIK, relation: 'ANAK', birthDate: '2010-07-21', sex: 'LAKI_LAKI' },
        { name: 'Nur Aini', nik: NUR_AINI_NIK, relation: 'ANAK', birthDate: '2016-01-05', sex: 'PEREMPUAN' },
      ],
    });
    expect(registered.status).toBe(201);
    const residentId: string = registered.body.residentId;
    expect(
      (
        await call(intake.baseUrl, 'POST', `/residents/${residentId}/consents`, caseworker, {
          legalBasis: 'CONSENT',
          purposes: ['CASE_HANDLING', 'ELIGIBILITY_DETERMINATION'],
          givenBy: { name: 'Siti Aminah', relation: 'SELF' },
          method: 'SIGNED_FORM',
        })
      ).status,
    ).toBe(201);
    const opened = await call(intake.baseUrl, 'POST', '/cases', caseworker, {
      residentId,
      needCategory: 'EDUCATION',
      description: 'Ahmad (kelas 9) terancam tidak bisa melanjutkan ke SMA karena biaya.',
      channel: 'PUSKESOS',
      staffRole: 'PSM',
    });
    expect(opened.status).toBe(201);
    const caseId: string = opened.body.caseId;
    const assessed = await call(
      intake.baseUrl,
      'POST',
      `/cases/${caseId}/assessments`,
      caseworker,
      {
        householdIncomePerMonth: 1_850_000,
        dtsenStatus: 'IN_DTSEN',
        desil: 3,
        dtsenCheckedOn: '2025-11-10',
        children: [
          { nik: AHMAD_NIK, enrolled: true, level: 'SMP', grade: 9 },
          { nik: NUR_AINI_NIK, enrolled: true, level: 'SD', grade: 4 },
        ],
        disabledMembers: [],
        pregnantOrNursingMembers: [],
        employmentStatus: 'INFORMAL_WORK',
        housingCondition: { ownership: 'RENTED', uninhabitable: false },
      },
    );
    expect(assessed.status).toBe(201);
    expect(
      (await call(intake.baseUrl, 'POST', `/cases/${caseId}/submission`, supervisor, {})).status,
    ).toBe(200);

    const determined = await eventually(
      'eligibility shows the determination',
      async () => {
        const response = await call(
          eligibility.baseUrl,
          'GET',
          `/determinations/cases/${caseId}`,
          supervisor,
        );
        return response.status === 200 ? response.body : undefined;
      },
      [intake, eligibility],
    );
    const status = (view: { programmes: { programme: string; status: string }[] }) =>
      Object.fromEntries(view.programmes.map(({ programme, status: holds }) => [programme, holds]));
    expect(determined).toMatchObject({
      residentId,
      caseId,
      determinations: [
        {
          trigger: { kind: 'CASE_SUBMITTED' },
          sourceEvents: [{ type: 'CaseSubmitted', streamName: `intake-${residentId}` }],
        },
      ],
    });
    expect(status(determined)).toMatchObject({
      PKH: 'ELIGIBLE',
      PIP: 'ELIGIBLE',
      SEMBAKO: 'ELIGIBLE',
      PELATIHAN: 'NOT_ELIGIBLE',
    });

    const changed = await call(
      intake.baseUrl,
      'POST',
      `/residents/${residentId}/circumstance-changes`,
      caseworker,
      {
        changes: { employmentStatus: 'UNEMPLOYED', householdIncomePerMonth: 900_000 },
        effectiveFrom: '2025-12-01',
        reason: 'Warung tempat Ibu Siti bekerja tutup; keterangan dari ketua RT.',
      },
    );
    expect(changed.status).toBe(200);
    const redetermined = await eventually(
      'eligibility re-determines after the change',
      async () => {
        const response = await call(
          eligibility.baseUrl,
          'GET',
          `/determinations/cases/${caseId}`,
          supervisor,
        );
        return response.body?.determinations?.length === 2 ? response.body : undefined;
      },
      [intake, eligibility],
    );
    expect(redetermined.determinations[1].trigger).toMatchObject({ kind: 'CIRCUMSTANCES_CHANGED' });
    expect(status(redetermined)).toMatchObject({
      PELATIHAN: 'ELIGIBLE',
      KERJA: 'ELIGIBLE',
      PKH: 'ELIGIBLE',
    });

    // Eligibility's relay put both determinations on its topic, keyed to the resident.
    await eventually(
      'both determinations are on lastri.eligibility.events',
      async () =>
        published.filter(
          (record) => record.subject === residentId && record.type === 'EligibilityDetermined',
        ).length === 2
          ? true
          : undefined,
      [intake, eligibility],
    );
  });

  it('does not start without its configuration, naming each missing variable', async () => {
    const misconfigured = startServiceProcess(
      'eligibility (misconfigured)',
      'services/eligibility/src/main.ts',
      await freePort(),
      {},
    );
    expect(await misconfigured.exited).toBe(1);
    for (const variable of ['EVENT_STORE_URL', 'KAFKA_BROKERS', 'AUTH_JWT_SECRET'])
      expect(misconfigured.output()).toContain(variable);
  });
});
