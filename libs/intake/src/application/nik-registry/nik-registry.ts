/**
 * One NIK, one resident — with an event store that has no unique index across streams.
 *
 * Each NIK has a reservation stream `intake.nik-<HMAC-SHA256(pepper, NIK)>` whose last event
 * says which resident holds it. A registration first appends `NikReserved { residentId }` there
 * with expected version "no-stream", and only then appends `ResidentRegistered` to the new
 * resident's stream. The store lets exactly one "no-stream" append of a stream succeed, so of two
 * simultaneous registrations of one NIK exactly one reserves it; the other reads the reservation
 * and is refused with a pointer to the resident who holds the NIK (409).
 *
 * Two appends are not atomic, so the registry is built to recover from a crash between them:
 * - Reserved, resident never registered: for a grace period the registration counts as in
 *   progress (409, "try again shortly"). After it, a registration with the same NIK adopts the
 *   reservation and registers under the reserved residentId: both writers then race for that one
 *   resident stream with "no-stream", so a late original can never make a second resident.
 * - A resident's NIK corrected: the new NIK is reserved before the correction is stored, and the
 *   old one released after (`NikReleased`). If the release is lost, the old reservation points at
 *   a resident who no longer holds that NIK; after the grace period it is taken over.
 *
 * The stream name is a keyed hash so that the store's stream list does not disclose NIKs; the
 * events hold only resident ids. These streams are outside the `intake-` prefix: they are not
 * resident history, not relayed to Kafka, and not part of the published contracts.
 */
import { createHmac } from 'node:crypto';

import { EVENT_STORE, WrongExpectedVersionError, type EventStore } from '@lastri/event-store';
import { newId, type Clock } from '@lastri/kernel';
import { Inject, Injectable } from '@nestjs/common';

import { INTAKE_CLOCK, INTAKE_OPTIONS, type IntakeOptions } from '../support/intake-options';
import { refuseApplication, type NikAlreadyRegistered, type NikRegistrationPending } from '../support/refusals';
import { eventMetadata, loadResident, type EventProvenance, type StreamVersion } from '../support/resident-stream';

export const NIK_RESERVATION_STREAM_PREFIX = 'intake.nik-';
export const NIK_RESERVED = 'NikReserved';
export const NIK_RELEASED = 'NikReleased';

/** How long a reservation without its resident is taken for a registration still under way. */
export const PENDING_REGISTRATION_GRACE_SECONDS = 30;

const RACE_ATTEMPTS = 3;

export interface NikReservationData {
  residentId: string;
}

export type NikClaim =
  /** The reservation now names the claimant (it may have already). */
  | { kind: 'claimed' }
  /** An abandoned registration holds the NIK: finish it, under its resident id. */
  | { kind: 'adopt'; residentId: string }
  | { kind: 'refused'; refusal: NikAlreadyRegistered | NikRegistrationPending };

interface Reservation {
  version: StreamVersion;
  holder?: { residentId: string; reservedAt: string };
}

@Injectable()
export class NikRegistry {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INTAKE_OPTIONS) private readonly options: IntakeOptions,
    @Inject(INTAKE_CLOCK) private readonly clock: Clock,
  ) {}

  reservationStream(nik: string): string {
    return NIK_RESERVATION_STREAM_PREFIX + createHmac('sha256', this.options.nikPepper).update(nik).digest('hex');
  }

  /**
   * Reserves `nik` for `residentId`. `purpose` decides what an abandoned registration means:
   * a new registration finishes it; a correction takes the NIK over.
   */
  async claim(
    nik: string,
    residentId: string,
    purpose: 'registration' | 'correction',
    provenance: EventProvenance,
    field: string,
  ): Promise<NikClaim> {
    const stream = this.reservationStream(nik);
    for (let attempt = 1; attempt <= RACE_ATTEMPTS; attempt++) {
      const reservation = await this.read(stream);
      const holder = reservation.holder;
      if (holder?.residentId === residentId) return { kind: 'claimed' };
      if (holder) {
        const held = await loadResident(this.store, holder.residentId);
        if (held.state.status === 'registered' && held.state.profile.nik === nik) {
          return { kind: 'refused', refusal: refuseApplication.nikAlreadyRegistered(
            { residentId: holder.residentId, kelurahanCode: held.state.profile.address.kelurahanCode },
            field,
          ) };
        }
        const waited = (this.clock.now().getTime() - Date.parse(holder.reservedAt)) / 1000;
        if (waited < PENDING_REGISTRATION_GRACE_SECONDS) {
          const retryAfter = Math.max(1, Math.ceil(PENDING_REGISTRATION_GRACE_SECONDS - waited));
          return { kind: 'refused', refusal: refuseApplication.nikRegistrationPending(holder.residentId, retryAfter, field) };
        }
        if (held.state.status !== 'registered' && purpose === 'registration') {
          return { kind: 'adopt', residentId: holder.residentId };
        }
      }
      try {
        await this.store.append(stream, [this.event(NIK_RESERVED, residentId, provenance)], reservation.version);
        return { kind: 'claimed' };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        // Someone else wrote the reservation between our read and our append: look again.
      }
    }
    throw new Error(`NIK reservation ${stream} keeps changing under concurrent writers; giving up after ${RACE_ATTEMPTS} attempts.`);
  }

  /** Frees `nik` if `residentId` still holds it (after a correction gave the resident another NIK). */
  async release(nik: string, residentId: string, provenance: EventProvenance): Promise<void> {
    const stream = this.reservationStream(nik);
    const reservation = await this.read(stream);
    if (reservation.holder?.residentId !== residentId) return;
    try {
      await this.store.append(stream, [this.event(NIK_RELEASED, residentId, provenance)], reservation.version);
    } catch (error) {
      // Taken over meanwhile: the NIK is no longer ours to release.
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
  }

  /** Who holds the NIK now, if anyone (for tests and operators; the NIK itself is never stored). */
  async holderOf(nik: string): Promise<string | undefined> {
    return (await this.read(this.reservationStream(nik))).holder?.residentId;
  }

  private async read(stream: string): Promise<Reservation> {
    const [last] = await this.store.readStream(stream, { direction: 'backwards', limit: 1 });
    if (!last) return { version: 'no-stream' };
    const data = last.data as NikReservationData;
    return last.type === NIK_RESERVED
      ? { version: last.streamVersion, holder: { residentId: data.residentId, reservedAt: last.metadata.occurredAt } }
      : { version: last.streamVersion };
  }

  private event(type: string, residentId: string, provenance: EventProvenance) {
    const data: NikReservationData = { residentId };
    return {
      id: newId(),
      type,
      schemaVersion: 1,
      data,
      metadata: eventMetadata({ ...provenance, residentId }),
    };
  }
}
