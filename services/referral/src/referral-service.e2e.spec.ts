/**
 * Intake, eligibility and referral as deployed: three processes, each its main.ts run by Node
 * through SWC, sharing one PostgreSQL event store and talking only through the real Kafka broker.
 * A case submitted at intake is determined by eligibility and referred by referral to the agencies
 * that deliver its programmes; the school office works its referral to completion through the
 * agency API, another agency never sees it, the caseworker follows it, and the relay publishes it.
 * A determination delivered twice refers nothing new. And the service refuses to start
 * misconfigured.
 */
import { loadAuthConfig, mintToken, type ActorClaims } from '@lastri/auth';
import { EVENT_TOPICS, deadLetterTopic } from '@lastri/contracts';
import { ensureTopics } from '@lastri/messaging';
import {
  eventually,
  freePort,
  kafkaBrokers,
  scratchPostgresDatabase,
  startServiceProcess,
  uniqueName,
  waitUntilReady,
  type ScratchDatabase,
  type ServiceProcess,
} from '@lastri/testing';
import { Kafka, logLevel, type Consumer, type IHeaders, type Producer } from 'kafkajs';

const SECRET = 'referral-e2e-secret-with-more-than-32-bytes';
const auth = loadAuthConfig({ AUTH_JWT_SECRET: SECRET });
const KANDANGSAPI = '35.75.04.1011';

/** Siti Aminah of Kandangsapi and her household, as intake's harness registers her (a boundary keeps its module out of here). */
const SITI = {
  nik: '3575045203850001',
  noKk: '3575041503100007',
  name: 'Siti Aminah',
  birthDate: '1985-03-12',
  sex: 'PEREMPUAN',
  householdRelation: 'KEPALA_KELUARGA',
  address: { street: 'Jl. Hasanudin Gg. 3 No. 12', rt: '004', rw: '002', kelurahanCode: KANDANGSAPI },
  phone: '+6281234567890',
  householdMembers: [
    { name: 'Ahmad Fauzi', nik: '3575042107100003', relation: 'ANAK', birthDate: '2010-07-21', sex: 'LAKI_LAKI' },
    { name: 'Nur Aini', nik: '3575044501160002', relation: 'ANAK', birthDate: '2016-01-05', sex: 'PEREMPUAN' },
  ],
};
const CONSENT = {
  legalBasis: 'CONSENT',
  purposes: ['CASE_HANDLING', 'ELIGIBILITY_DETERMINATION', 'REFERRAL_TO_PARTNER_AGENCIES'],
  givenBy: { name: 'Siti Aminah', relation: 'SELF' },
  method: 'SIGNED_FORM',
};
const educationCase = (residentId: string) => ({
  residentId,
  needCategory: 'EDUCATION',
  description: 'Ahmad (kelas 9) terancam tidak bisa melanjutkan ke SMA karena biaya.',
  channel: 'PUSKESOS',
  staffRole: 'PSM',
});
/** Desil 3 in DTSEN, Ahmad in SMP and Nur Aini in SD, referenced by NIK (AssessmentRecorded v2). */
const ASSESSMENT = {
  householdIncomePerMonth: 1_850_000,
  dtsenStatus: 'IN_DTSEN',
  desil: 3,
  dtsenCheckedOn: '2025-11-10',
  children: [
    { nik: '3575042107100003', enrolled: true, level: 'SMP', grade: 9 },
    { nik: '3575044501160002', enrolled: true, level: 'SD', grade: 4 },
  ],
  disabledMembers: [],
  pregnantOrNursingMembers: [],
  employmentStatus: 'INFORMAL_WORK',
  housingCondition: { ownership: 'RENTED', uninhabitable: false },
};

const token = (claims: ActorClaims) => mintToken(auth, claims, { expiresIn: '15m' });

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(baseUrl: string, method: 'GET' | 'POST', route: string, bearer: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** A message as it stood on a topic: enough to publish it again byte for byte. */
interface Published {
  topic: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
  type?: string;
  subject?: string;
}

describe('intake, eligibility and referral as three services over Kafka and PostgreSQL', () => {
  jest.setTimeout(300_000);
  let database: ScratchDatabase;
  let kafka: Kafka;
  let intake: ServiceProcess;
  let eligibility: ServiceProcess;
  let referral: ServiceProcess;
  let services: ServiceProcess[] = [];
  let consumer: Consumer | undefined;
  let producer: Producer | undefined;
  const published: Published[] = [];

  let caseworker: string;
  let supervisor: string;
  let school: string;
  let labour: string;
  let residentId: string;
  let caseId: string;
  let determination: Json;
  let pip: Json;

  beforeAll(async () => {
    let brokers: string;
    [database, brokers] = await Promise.all([scratchPostgresDatabase('referral_e2e'), kafkaBrokers()]);
    kafka = new Kafka({ clientId: 'referral-e2e', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    // Deployment provisions the topics (contracts/asyncapi.yaml); on a fresh test broker, this test does.
    const admin = kafka.admin();
    await admin.connect();
    // Only the topics these services use; a dead-letter topic may exist with fewer partitions.
    const eventTopics = [EVENT_TOPICS.intake, EVENT_TOPICS.eligibility, EVENT_TOPICS.referral].map((topic) => ({ topic, partitions: 6, replicationFactor: 1 }));
    const deadLetters = ['eligibility', 'referral'].map((consumer) => ({ topic: deadLetterTopic(consumer), partitions: 1, replicationFactor: 1 }));
    try {
      await ensureTopics(admin, [...eventTopics, ...deadLetters]);
    } finally {
      await admin.disconnect();
    }

    const [intakePort, eligibilityPort, referralPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const shared = {
      EVENT_STORE_URL: database.url,
      KAFKA_BROKERS: brokers,
      AUTH_JWT_SECRET: SECRET,
      // Groups of this run only: another stack on the same broker must not take its messages.
      KAFKA_GROUP_PREFIX: uniqueName('referral_e2e'),
    };
    intake = startServiceProcess('intake', 'services/intake/src/main.ts', intakePort, { ...shared, INTAKE_NIK_PEPPER: 'referral-e2e-nik-pepper-value' });
    eligibility = startServiceProcess('eligibility', 'services/eligibility/src/main.ts', eligibilityPort, shared);
    referral = startServiceProcess('referral', 'services/referral/src/main.ts', referralPort, shared);
    services = [intake, eligibility, referral];

    // What the relays publish, read by a group of this test's own from the topics' start.
    consumer = kafka.consumer({ groupId: uniqueName('referral_e2e_reader') });
    await consumer.connect();
    await consumer.subscribe({ topics: [EVENT_TOPICS.eligibility, EVENT_TOPICS.referral], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const headers = message.headers ?? {};
        const header = (name: string) => headers[name]?.toString();
        published.push({ topic, key: message.key, value: message.value, headers, type: header('ce_type'), subject: header('ce_subject') });
      },
    });
    producer = kafka.producer();
    await producer.connect();

    [caseworker, supervisor, school, labour] = await Promise.all([
      token({ sub: 'budi', name: 'Budi Santoso', roles: ['caseworker'], kelurahan: [KANDANGSAPI] }),
      token({ sub: 'rina', name: 'Rina Wulandari', roles: ['supervisor'] }),
      token({ sub: 'dikbud-07', name: 'Operator Dinas Pendidikan', roles: ['agency'], agencyId: 'dinas-pendidikan' }),
      token({ sub: 'disnaker-03', name: 'Operator Disnaker', roles: ['agency'], agencyId: 'disnaker' }),
    ]);
    await waitUntilReady(services);
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    await Promise.all(services.map((service) => service.stop()));
    await database?.drop();
  });

  const referralsOfResident = async () => (await call(referral.baseUrl, 'GET', `/residents/${residentId}/referrals`, caseworker)).body as Json[];

  it('refers a case submitted at intake, once eligibility determines it, to the agencies that deliver its programmes', async () => {
    const registered = await call(intake.baseUrl, 'POST', '/residents', caseworker, SITI);
    expect(registered.status).toBe(201);
    residentId = registered.body.residentId;
    expect((await call(intake.baseUrl, 'POST', `/residents/${residentId}/consents`, caseworker, CONSENT)).status).toBe(201);
    const opened = await call(intake.baseUrl, 'POST', '/cases', caseworker, educationCase(residentId));
    expect(opened.status).toBe(201);
    caseId = opened.body.caseId;
    expect((await call(intake.baseUrl, 'POST', `/cases/${caseId}/assessments`, caseworker, ASSESSMENT)).status).toBe(201);
    const submitted = await call(intake.baseUrl, 'POST', `/cases/${caseId}/submission`, supervisor, {});
    expect([submitted.status, submitted.body.status]).toEqual([200, 'SUBMITTED']);

    determination = await eventually(
      'eligibility determines the case',
      async () => {
        const response = await call(eligibility.baseUrl, 'GET', `/determinations/cases/${caseId}`, supervisor);
        return response.status === 200 ? response.body : undefined;
      },
      services,
    );
    const eligible = (determination.programmes as Json[]).filter((programme) => programme.status === 'ELIGIBLE').map((programme) => programme.programme as string);
    expect(eligible).toEqual(expect.arrayContaining(['PKH', 'PIP']));

    const referred = await eventually(
      'referral refers every eligible programme',
      async () => {
        const views = await referralsOfResident();
        return views.length >= eligible.length ? views : undefined;
      },
      services,
    );
    expect(referred.map((view) => view.programme).sort()).toEqual([...eligible].sort());
    pip = referred.find((view) => view.programme === 'PIP') ?? {};
    expect(pip).toMatchObject({ residentId, caseId, agencyId: 'dinas-pendidikan', needCategory: 'EDUCATION', status: 'SENT', kelurahanCode: KANDANGSAPI });
    expect(referred.find((view) => view.programme === 'PKH')).toMatchObject({ agencyId: 'kemensos-upt' });
  });

  it('shows the school office its referral with no more of the resident than its programme needs, and no other agency', async () => {
    // The broker is shared: the list also holds referrals of determinations other runs published.
    const listed = (await call(referral.baseUrl, 'GET', '/agency/referrals', school)).body as Json[];
    expect(listed.map((view) => view.referralId)).toContain(pip.referralId);
    expect(new Set(listed.map((view) => view.programme))).toEqual(new Set(['PIP']));
    const { body: view } = await call(referral.baseUrl, 'GET', `/agency/referrals/${pip.referralId}`, school);
    expect(view).toEqual({
      referralId: pip.referralId,
      programme: 'PIP',
      needCategory: 'EDUCATION',
      priority: pip.priority,
      status: 'SENT',
      fhir: { status: 'requested', businessStatus: 'sent' },
      createdAt: pip.createdAt,
      acknowledgeDueAt: pip.acknowledgeDueAt,
      decideDueAt: pip.decideDueAt,
      resident: {
        name: 'Siti Aminah',
        nikMasked: '357504******0001',
        phone: '+6281234567890',
        address: { street: 'Jl. Hasanudin Gg. 3 No. 12', rt: '004', rw: '002', kelurahanCode: KANDANGSAPI },
      },
    });

    const byLabour = await call(referral.baseUrl, 'GET', `/agency/referrals/${pip.referralId}`, labour);
    expect([byLabour.status, byLabour.body.code]).toEqual([404, 'ReferralNotFound']);
    expect((await call(referral.baseUrl, 'POST', `/agency/referrals/${pip.referralId}/acknowledge`, labour)).status).toBe(404);
    const labourList = (await call(referral.baseUrl, 'GET', '/agency/referrals', labour)).body as Json[];
    expect(labourList.map((other) => other.referralId)).not.toContain(pip.referralId);
    expect(labourList.filter((other) => !['PELATIHAN', 'KERJA'].includes(other.programme))).toEqual([]);
  });

  it('lets the school office take the referral to completion, and the caseworker follow where it stands', async () => {
    const steps: [string, unknown, string][] = [
      ['acknowledge', undefined, 'ReferralAcknowledged'],
      ['accept', { agencyReference: 'PIP-2025-0117' }, 'ReferralAccepted'],
      ['start', { startedOn: '2025-11-20', serviceDescription: 'Bantuan PIP jenjang SMP untuk Ahmad.' }, 'ServiceStarted'],
      ['complete', { completedOn: '2025-12-01', outcome: 'SERVICE_DELIVERED' }, 'ReferralCompleted'],
    ];
    for (const [step, body, type] of steps) {
      const response = await call(referral.baseUrl, 'POST', `/agency/referrals/${pip.referralId}/${step}`, school, body);
      expect([step, response.status, response.body.type]).toEqual([step, 200, type]);
    }
    const again = await call(referral.baseUrl, 'POST', `/agency/referrals/${pip.referralId}/start`, school, { startedOn: '2025-12-02' });
    expect([again.status, again.body.code]).toEqual([409, 'TransitionNotAllowed']);

    const followed = (await referralsOfResident()).find((view) => view.referralId === pip.referralId);
    expect(followed).toMatchObject({ status: 'COMPLETED', outcome: 'SERVICE_DELIVERED', fhir: { status: 'completed' } });
  });

  it('publishes the referral events to lastri.referral.events, keyed to the resident', async () => {
    const types = await eventually(
      'the relay published the referral through its completion',
      async () => {
        const ofResident = published.filter((record) => record.topic === EVENT_TOPICS.referral && record.subject === residentId).map((record) => record.type);
        return ofResident.includes('ReferralCompleted') ? ofResident : undefined;
      },
      services,
    );
    expect(types).toEqual(expect.arrayContaining(['ReferralCreated', 'ReferralSent', 'ReferralAcknowledged', 'ReferralAccepted', 'ServiceStarted', 'ReferralCompleted']));
    const created = published.find((record) => record.topic === EVENT_TOPICS.referral && record.type === 'ReferralCreated' && record.subject === residentId);
    expect(created?.key?.toString()).toBe(residentId);
  });

  it('refers nothing new when the determination is delivered again', async () => {
    const before = await referralsOfResident();
    const original = published.find((record) => record.topic === EVENT_TOPICS.eligibility && record.type === 'EligibilityDetermined' && record.subject === residentId);
    if (!original || !producer) throw new Error('The determination was not read from lastri.eligibility.events.');
    await producer.send({ topic: EVENT_TOPICS.eligibility, messages: [{ key: original.key, value: original.value, headers: original.headers }] });

    // An override published after the redelivery, on the same partition (same key): once its
    // referral exists, referral has handled the redelivered determination before it.
    const override = await call(eligibility.baseUrl, 'POST', `/determinations/${determination.currentDeterminationId}/overrides`, supervisor, {
      programme: 'PELATIHAN',
      eligible: true,
      reason: 'Ibu Siti mendaftar pelatihan menjahit di BLK; surat keterangan dari ketua RT.',
    });
    expect(override.status).toBe(201);
    const after = await eventually(
      'the override is referred to Disnaker',
      async () => {
        const views = await referralsOfResident();
        return views.some((view) => view.programme === 'PELATIHAN') ? views : undefined;
      },
      services,
    );

    expect(after.filter((view) => view.programme !== 'PELATIHAN')).toEqual(before);
    const training = after.filter((view) => view.programme === 'PELATIHAN');
    expect(training).toEqual([expect.objectContaining({ agencyId: 'disnaker', status: 'SENT' })]);
    const labourList = (await call(referral.baseUrl, 'GET', '/agency/referrals', labour)).body as Json[];
    expect(labourList.map((view) => view.referralId)).toContain(training[0].referralId);
  });

  it('does not start without its configuration, naming each missing variable', async () => {
    const misconfigured = startServiceProcess('referral (misconfigured)', 'services/referral/src/main.ts', await freePort(), {});
    expect(await misconfigured.exited).toBe(1);
    for (const variable of ['EVENT_STORE_URL', 'KAFKA_BROKERS', 'AUTH_JWT_SECRET']) expect(misconfigured.output()).toContain(variable);
  });
});
