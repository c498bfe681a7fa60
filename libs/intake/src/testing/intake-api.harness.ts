/**
 * The intake module as a host runs it, for tests: a real Nest HTTP application on a loopback
 * port, the real auth guard verifying real HS256 tokens, the given event store, and what the
 * hosts add around it (configureHttpHost: body limit, API docs). Requests are real HTTP through fetch.
 */
import { AuthModule, loadAuthConfig, mintToken, type ActorClaims } from '@lastri/auth';
import { EventStoreModule, type EventStore } from '@lastri/event-store';
import type { Clock } from '@lastri/kernel';
import { configureHttpHost } from '@lastri/service-host';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';

import { KANDANGSAPI, recordAssessmentCommand, registerSiti } from './intake.fixtures';
import { IntakeModule } from '../intake.module';

const SECRET = 'intake-api-test-secret-at-least-32-bytes-long';
export const authConfig = loadAuthConfig({ AUTH_JWT_SECRET: SECRET });
export const TEST_NIK_PEPPER = 'intake-api-test-pepper-0123456789';

export { KANDANGSAPI };
export const KARANGKETUG = '35.75.01.1001';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export interface IntakeApi {
  baseUrl: string;
  app: INestApplication;
  call<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    options?: { token?: string; body?: unknown; rawBody?: string | Uint8Array; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

export async function startIntakeApi(store: EventStore, options: { clock?: Clock } = {}): Promise<IntakeApi> {
  @Module({
    imports: [
      EventStoreModule.forStore(store),
      AuthModule.forRoot(authConfig),
      IntakeModule.forRoot({ nikPepper: TEST_NIK_PEPPER, ...(options.clock && { clock: options.clock }) }),
    ],
  })
  class IntakeTestHost {}

  const app = await NestFactory.create<NestExpressApplication>(IntakeTestHost, { logger: false });
  configureHttpHost(app, 'LASTRI intake API');
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

  return {
    baseUrl,
    app,
    async call(method, path, { token, body, rawBody, headers = {} } = {}) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token !== undefined && { authorization: `Bearer ${token}` }),
          ...headers,
        },
        body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
    },
    close: () => app.close(),
  };
}

export function token(claims: ActorClaims): Promise<string> {
  return mintToken(authConfig, claims, { expiresIn: '10m' });
}

export const tokens = {
  budi: () => token({ sub: 'budi', name: 'Budi Santoso', roles: ['caseworker'], kelurahan: [KANDANGSAPI] }),
  wati: () => token({ sub: 'wati', name: 'Wati', roles: ['caseworker'], kelurahan: [KARANGKETUG] }),
  rina: () => token({ sub: 'rina', name: 'Rina Wulandari', roles: ['supervisor'] }),
  auditor: () => token({ sub: 'bpk-01', name: 'Auditor BPK', roles: ['auditor'] }),
  agency: () => token({ sub: 'u-17', name: 'Siti', roles: ['agency'], agencyId: 'dinas-pendidikan' }),
};

/** Siti Aminah of Kandangsapi (the domain fixtures' registerSiti), as a request body. */
export function sitiRegistration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { residentId: _residentId, registeredBy: _registeredBy, ...body } = registerSiti().data;
  return { ...body, ...overrides };
}

export const consentBySiti = {
  legalBasis: 'CONSENT',
  purposes: ['CASE_HANDLING', 'ELIGIBILITY_DETERMINATION'],
  givenBy: { name: 'Siti Aminah', relation: 'SELF' },
  method: 'SIGNED_FORM',
};

export const educationCase = (residentId: string) => ({
  residentId,
  needCategory: 'EDUCATION',
  description: 'Ahmad (kelas 9) terancam tidak bisa melanjutkan ke SMA karena biaya.',
  channel: 'PUSKESOS',
  staffRole: 'PSM',
});

/** The domain fixtures' assessment of Siti's household, as a request body. */
export const assessment = (overrides: Record<string, unknown> = {}) => {
  const {
    residentId: _residentId,
    caseId: _caseId,
    assessmentId: _assessmentId,
    assessedBy: _assessedBy,
    ...body
  } = recordAssessmentCommand().data;
  return { ...body, ...overrides };
};

/** A valid Kota Pasuruan (Panggungrejo) NIK for a birth date and sex, with the given serial. */
export function nikOf(birthDate: string, sex: 'LAKI_LAKI' | 'PEREMPUAN', serial: number): string {
  const [year, month, day] = birthDate.split('-');
  const dd = String(Number(day) + (sex === 'PEREMPUAN' ? 40 : 0)).padStart(2, '0');
  return `357504${dd}${month}${year.slice(2)}${String(serial).padStart(4, '0')}`;
}

/** A person registering alone as head of their own KK. */
export function loneResident(serial: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    nik: nikOf('1990-07-21', 'LAKI_LAKI', serial),
    noKk: '3575041503100007',
    name: `Warga ${serial}`,
    birthDate: '1990-07-21',
    sex: 'LAKI_LAKI',
    householdRelation: 'KEPALA_KELUARGA',
    address: { street: 'Jl. Slamet Riyadi 5', rt: '001', rw: '003', kelurahanCode: KANDANGSAPI },
    householdMembers: [],
    ...overrides,
  };
}
