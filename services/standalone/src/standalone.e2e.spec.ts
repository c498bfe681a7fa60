/**
 * `npm start` as a user runs it: tools/start.mjs starts the standalone host as a child process
 * with nothing configured but a scratch data file and a free port. Over HTTP a caseworker
 * registers a resident, records consent, opens, assesses and submits a case; then the process is
 * stopped and the events are read back from the file it leaves.
 */
import { loadAuthConfig, mintToken } from '@lastri/auth';
import { createEventStore } from '@lastri/event-store';
import { cleanHostEnv, freePort } from '@lastri/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const START = path.join(ROOT, 'tools/start.mjs');
const STARTUP_TIMEOUT_MS = 90_000;

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: NodeJS.ProcessEnv): Started {
  const child = spawn(process.execPath, [START], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForHealth(baseUrl: string, started: Started): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null)
      throw new Error(`The standalone host exited early:\n${started.output()}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `The standalone host did not answer /health within ${STARTUP_TIMEOUT_MS} ms:\n${started.output()}`,
  );
}

describe('npm start: the standalone host', () => {
  jest.setTimeout(STARTUP_TIMEOUT_MS + 60_000);

  const dataDir = mkdtempSync(path.join(tmpdir(), 'lastri-standalone-'));
  const dataFile = path.join(dataDir, 'lastri.sqlite');
  let started: Started | undefined;

  afterAll(async () => {
    if (started && started.child.exitCode === null) {
      started.child.kill('SIGKILL');
      await started.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs with no configuration and no external server, serves a whole intake, and stops cleanly', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    started = start(cleanHostEnv({ PORT: String(port), EVENT_STORE_URL: `sqlite:${dataFile}` }));
    await waitForHealth(baseUrl, started);
    expect(started.output()).toContain(`API docs: ${baseUrl}/docs`);
    expect(started.output()).toContain(`health: ${baseUrl}/health`);
    expect(started.output()).toMatch(/INSECURE/);

    // The token a developer mints with `npx lastri token --dev …`.
    const token = await mintToken(
      loadAuthConfig({ LASTRI_DEV: '1' }),
      { sub: 'budi', name: 'Budi Santoso', roles: ['caseworker'], kelurahan: ['35.75.04.1011'] },
      { expiresIn: '10m' },
    );
    const post = async (url: string, body: unknown) => {
      const response = await fetch(`${baseUrl}${url}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    const resident = await post('/residents', {
      nik: '3575045203850001',
      noKk: '3575041503100007',
      name: 'Siti Aminah',
      birthDate: '1985-03-12',
      sex: 'PEREMPUAN',
      householdRelation: 'KEPALA_KELUARGA',
      address: {
        street: 'Jl. Hasanudin Gg. 3 No. 12',
        rt: '004',
        rw: '002',
        kelurahanCode: '35.75.04.1011',
      },
      householdMembers: [
        {
          name: 'Ahmad Fauzi',
          nik: '3575042107100003',
          relation: 'ANAK',
          birthDate: '2010-07-21',
          sex: 'LAKI_LAKI',
        },
      ],
    });
    expect(resident.status).toBe(201);
    const residentId = resident.body.residentId as string;

    expect(
      (
        await post(`/residents/${residentId}/consents`, {
          legalBasis: 'CONSENT',
          purposes: ['CASE_HANDLING', 'ELIGIBILITY_DETERMINATION'],
          givenBy: { name: 'Siti Aminah', relation: 'SELF' },
          method: 'SIGNED_FORM',
        })
      ).status,
    ).toBe(201);
    const opened = await post('/cases', {
      residentId,
      needCategory: 'EDUCATION',
      description: 'Biaya masuk SMA untuk Ahmad.',
      channel: 'WALK_IN',
    });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    const assessed = await post(`/cases/${caseId}/assessments`, {
      householdIncomePerMonth: 1850000,
      dtsenStatus: 'NOT_IN_DTSEN',
      dtsenCheckedOn: '2025-11-10',
      children: [{ nik: '3575042107100003', enrolled: true, level: 'SMP', grade: 9 }],
      disabledMembers: [],
      pregnantOrNursingMembers: [],
      employmentStatus: 'INFORMAL_WORK',
      housingCondition: { ownership: 'RENTED', uninhabitable: false },
    });
    expect(assessed.status).toBe(201);
    const submitted = await post(`/cases/${caseId}/submission`, {});
    expect(submitted).toMatchObject({ status: 200, body: { status: 'SUBMITTED' } });

    // Eligibility, in the same process through the embedded transport, determines the case: a
    // household not in DTSEN and not yet visited goes to manual review for the desil programmes.
    const supervisorToken = await mintToken(
      loadAuthConfig({ LASTRI_DEV: '1' }),
      { sub: 'sari', name: 'Sari Dewi', roles: ['supervisor'] },
      { expiresIn: '10m' },
    );
    const eligibility = await waitForDetermination(baseUrl, caseId, supervisorToken);
    expect(eligibility.residentId).toBe(residentId);
    expect(eligibility.programmes.map((programme) => programme.programme)).toEqual(
      expect.arrayContaining(['PKH', 'SEMBAKO', 'PIP']),
    );
    expect(eligibility.reviews).toEqual([
      expect.objectContaining({
        reasons: expect.arrayContaining([expect.objectContaining({ code: 'HOME_VISIT_MISSING' })]),
      }),
    ]);

    const docs = (await (await fetch(`${baseUrl}/docs-json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining(['/residents', '/cases/{caseId}/submission']),
    );
    expect((await post('/residents', { name: 'x'.repeat(200_000) })).status).toBe(413);

    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);

    const store = await createEventStore(`sqlite:${dataFile}`);
    try {
      const stream = await store.readStream(`intake-${residentId}`);
      expect(stream.map((event) => event.type)).toEqual([
        'ResidentRegistered',
        'ConsentRecorded',
        'CaseOpened',
        'AssessmentRecorded',
        'CaseSubmitted',
      ]);
      expect((await store.verifyStream(`intake-${residentId}`)).ok).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('refuses to start on a wrong setting, naming the variable', async () => {
    const refused = start(cleanHostEnv({ PORT: 'eighty', EVENT_STORE_URL: 'mysql://db/lastri' }));
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/PORT must be a port number/);
    expect(refused.output()).toMatch(/EVENT_STORE_URL has the unknown scheme "mysql:"/);
  });
});

interface DeterminationView {
  residentId: string;
  programmes: { programme: string }[];
  reviews: { reasons: { code: string }[] }[];
}

/** Polls the eligibility API until the case has a determination (the consumer runs async). */
async function waitForDetermination(
  baseUrl: string,
  caseId: string,
  token: string,
): Promise<DeterminationView> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await fetch(`${baseUrl}/determinations/cases/${caseId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.status === 200) return (await response.json()) as DeterminationView;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No determination for case ${caseId} after 20 s`);
}
