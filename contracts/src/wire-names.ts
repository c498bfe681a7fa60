/**
 * Every name LASTRI puts on the wire: event types, Kafka topics, event-store stream prefixes and
 * CloudEvents sources. Code elsewhere uses these constants instead of spelling the strings, so a
 * rename is one change here and a new contract version, never a silent drift between services.
 */

/** The contexts that write events: each owns one resident stream prefix and one topic. */
export const EVENT_CONTEXTS = ['intake', 'eligibility', 'referral', 'notification'] as const;
export type EventContext = (typeof EVENT_CONTEXTS)[number];

export const EVENT_TYPES_BY_CONTEXT = {
  intake: [
    'ResidentRegistered',
    'ResidentProfileCorrected',
    'CircumstancesChanged',
    'ConsentRecorded',
    'ConsentWithdrawn',
    'CaseOpened',
    'AssessmentRecorded',
    'HomeVisitRecorded',
    'CaseSubmitted',
    'CaseWithdrawn',
  ],
  eligibility: [
    'EligibilityDetermined',
    'ManualReviewRequired',
    'ManualReviewDecided',
    'EligibilityOverridden',
  ],
  referral: [
    'ReferralCreated',
    'ReferralSent',
    'ReferralAcknowledged',
    'ReferralAccepted',
    'ReferralDeclined',
    'ServiceStarted',
    'ReferralCompleted',
    'ReferralClosed',
    'ReferralCancelled',
    'ReferralRerouted',
    'ReferralEscalated',
    // Stored in agency-<agencyId> streams (partner API keys), not relayed: outside the referral- prefix.
    'AgencyApiKeyIssued',
    'AgencyApiKeyRevoked',
  ],
  notification: [
    'NotificationRequested',
    'NotificationSent',
    'NotificationFailed',
    'NotificationGaveUp',
    'NotificationSkipped',
    'NotificationPreferenceSet',
    // Partner webhooks: in webhooks-<agencyId> and webhook-deliveries-<agencyId> streams, not relayed.
    'WebhookDelivered',
    'WebhookFailed',
    'WebhookSubscriptionCreated',
    'WebhookSecretAdded',
    'WebhookSubscriptionDisabled',
    'WebhookSubscriptionEnabled',
    'WebhookDeliveryRequested',
  ],
} as const satisfies Record<EventContext, readonly string[]>;

export type EventTypeOf<C extends EventContext> = (typeof EVENT_TYPES_BY_CONTEXT)[C][number];
export type EventType = EventTypeOf<EventContext>;

export const EVENT_TYPES: readonly EventType[] = EVENT_CONTEXTS.flatMap(
  (context) => EVENT_TYPES_BY_CONTEXT[context],
);

/** `EventTypes.CaseSubmitted === 'CaseSubmitted'`: a constant to refer to, checked by the compiler. */
export const EventTypes = Object.freeze(
  Object.fromEntries(EVENT_TYPES.map((type) => [type, type])),
) as {
  readonly [T in EventType]: T;
};

const CONTEXT_OF_TYPE = Object.fromEntries(
  EVENT_CONTEXTS.flatMap((context) =>
    EVENT_TYPES_BY_CONTEXT[context].map((type) => [type, context]),
  ),
) as Record<EventType, EventContext>;

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(CONTEXT_OF_TYPE, value);
}

export function contextOf(type: EventType): EventContext {
  return CONTEXT_OF_TYPE[type];
}

/** Internal topics (full data), key = residentId so that one resident's events stay in order. */
export const EVENT_TOPICS = {
  intake: 'lastri.intake.events',
  eligibility: 'lastri.eligibility.events',
  referral: 'lastri.referral.events',
  notification: 'lastri.notification.events',
} as const satisfies { [C in EventContext]: `lastri.${C}.events` };

/**
 * Where the published JSON Schemas live: each schema's $id, and so the CloudEvents `dataschema`
 * of an event, is this base followed by its path under contracts/.
 */
export const SCHEMA_BASE_URI = 'https://lastri.pasuruankota.go.id/contracts/';

/** Resident stream prefixes: a context appends only to `<prefix><residentId>`. */
export const STREAM_PREFIXES = {
  intake: 'intake-',
  eligibility: 'eligibility-',
  referral: 'referral-',
  notification: 'notification-',
} as const satisfies { [C in EventContext]: `${C}-` };

/** CloudEvents `source` (ce_source) of the events each context publishes. */
export const CLOUDEVENTS_SOURCES = {
  intake: '/lastri/intake',
  eligibility: '/lastri/eligibility',
  referral: '/lastri/referral',
  notification: '/lastri/notification',
} as const satisfies { [C in EventContext]: `/lastri/${C}` };

export function residentStreamName<C extends EventContext>(
  context: C,
  residentId: string,
): `${(typeof STREAM_PREFIXES)[C]}${string}` {
  return `${STREAM_PREFIXES[context]}${residentId}`;
}

/**
 * Consumer names and agency ids become part of Kafka topic names, so they are restricted to
 * lower-case kebab-case: always a legal topic name, and never two spellings of one agency.
 */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_SLUG_LENGTH = 64;

/** Dead-letter topic of one consumer group, e.g. `lastri.eligibility.dlq`. */
export function deadLetterTopic(consumer: string): `lastri.${string}.dlq` {
  return `lastri.${slug('consumer', consumer)}.dlq`;
}

/**
 * The event-store stream of one consumer's dead letters in standalone mode (where there is no
 * Kafka dead-letter topic), e.g. `deadletters-eligibility`. Operational, not a resident stream.
 */
export const DEAD_LETTER_STREAM_PREFIX = 'deadletters-';

export function deadLetterStream(consumer: string): `deadletters-${string}` {
  return `${DEAD_LETTER_STREAM_PREFIX}${slug('consumer', consumer)}`;
}

/** An agency's own topic of partner-facing (minimised) events, e.g. `lastri.partner.disnaker`. */
export function partnerTopic(agencyId: string): `lastri.partner.${string}` {
  return `lastri.partner.${slug('agencyId', agencyId)}`;
}

function slug(what: string, value: string): string {
  if (value.length > MAX_SLUG_LENGTH || !SLUG_PATTERN.test(value)) {
    throw new RangeError(
      `${what} ${JSON.stringify(value)} must be lower-case kebab-case of at most ${MAX_SLUG_LENGTH} characters.`,
    );
  }
  return value;
}
