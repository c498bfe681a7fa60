/**
 * The one error body of every context's HTTP API: RFC 9457 problem details
 * (`application/problem+json`). `type` is `urn:lastri:problem:<kebab-code>`: a stable name per
 * `code` that clients may compare, without promising a web page behind it (RFC 9457 §3.1.1 allows
 * non-resolvable URIs). `code` stays as an extension because clients already branch on it.
 * Titles and details are Bahasa Indonesia: residents and caseworkers read them.
 */
import { HttpException } from '@nestjs/common';

export interface FieldProblem {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

export interface Problem {
  readonly status: number;
  /** Machine name, e.g. `NikAlreadyRegistered`; `type` is derived from it. */
  readonly code: string;
  readonly detail: string;
  readonly errors?: readonly FieldProblem[];
  /** Members beside the standard ones (`currentVersion`, `existingResident`, …). */
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** Headers the answer carries (`Retry-After`, `ETag`). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors: readonly FieldProblem[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Permintaan tidak valid',
  401: 'Autentikasi diperlukan',
  403: 'Akses ditolak',
  404: 'Tidak ditemukan',
  405: 'Metode tidak diizinkan',
  406: 'Format jawaban tidak tersedia',
  409: 'Bertentangan dengan keadaan data saat ini',
  413: 'Isi permintaan terlalu besar',
  415: 'Jenis isi permintaan tidak didukung',
  422: 'Permintaan tidak dapat diproses',
  429: 'Terlalu banyak permintaan',
  500: 'Terjadi kesalahan pada server',
  503: 'Layanan sedang tidak tersedia',
};

export function problemTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? TITLES[500] : TITLES[400]);
}

export function problemType(code: string): string {
  return `urn:lastri:problem:${code.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
}

export function problemBody(problem: Problem): ProblemBody {
  return {
    ...problem.extensions,
    type: problemType(problem.code),
    title: problemTitle(problem.status),
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
    errors: problem.errors ?? [],
  };
}

/** Thrown at the api edge (never below it); the host's filter answers it as problem details. */
export class ProblemException extends HttpException {
  constructor(readonly problem: Problem) {
    super(problemBody(problem), problem.status);
  }
}

/** The 400 for request fields at fault: `code: 'InvalidRequest'`, each field in `errors`. */
export function badRequest(problems: readonly FieldProblem[]): ProblemException {
  return new ProblemException({
    status: 400,
    code: 'InvalidRequest',
    detail: `Permintaan tidak valid: ${problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ')}.`,
    errors: problems,
  });
}
