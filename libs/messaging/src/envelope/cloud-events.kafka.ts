/**
 * LASTRI events as Kafka records: CloudEvents 1.0 in Kafka binary mode (docs/architecture.md,
 * Messaging). Key = residentId, value = the event's data as JSON, attributes as `ce_*` headers,
 * exactly the header set contracts/envelope/cloud-events-kafka-headers.v1.schema.json allows, so
 * a partner reading the topic with plain tools (kcat) sees the published contract and nothing else.
 */
import type { StoredEvent } from '@lastri/event-store';
import { CLOUDEVENTS_SOURCES, contextOf, dataSchemaUri, isEventType, parseDataSchemaUri } from '@lastri/contracts';
import { Kafka, type CloudEvent, type KafkaMessage } from 'cloudevents';

import { MalformedEnvelopeError } from './envelope-errors';
import type { EventEnvelope } from './event-envelope';

export const CLOUDEVENTS_SPEC_VERSION = '1.0';
export const JSON_CONTENT_TYPE = 'application/json';

/** What the relay hands to the producer. Strings only: the bytes are UTF-8 JSON and text. */
export interface OutgoingKafkaRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** A record as kafkajs delivers it (Buffers), or as a test or the DLQ tool rebuilds it (strings). */
export interface IncomingKafkaRecord {
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

/**
 * Encodes a stored event. The caller has checked it against its contract (the relay does, before
 * anything leaves the store); a type or version the catalogue does not describe throws
 * MalformedEnvelopeError here rather than go out undescribed.
 *
 * The headers are written directly, following the CloudEvents Kafka protocol binding (binary
 * mode: each attribute as a `ce_` header, datacontenttype as `content-type`), rather than through
 * the SDK's CloudEvent and Kafka.binary, which build and validate an object per event on the
 * relay's path (their cost per event is not measured here; tools/bench/relay.ts measures the relay
 * as a whole). The unit test checks this encoding against the SDK's, header for header.
 */
export function toKafkaRecord(event: StoredEvent): OutgoingKafkaRecord {
  if (!isEventType(event.type)) {
    throw new MalformedEnvelopeError(`Event ${event.id}: ${JSON.stringify(event.type)} is not a LASTRI event type.`);
  }
  let dataschema: string;
  try {
    dataschema = schemaUri(event.type, event.schemaVersion);
  } catch (unknownVersion) {
    throw new MalformedEnvelopeError(`Event ${event.id}: ${(unknownVersion as Error).message}`);
  }
  const { residentId, occurredAt, correlationId, causationId } = event.metadata;
  const headers: Record<string, string> = {
    'content-type': JSON_CONTENT_TYPE,
    ce_specversion: CLOUDEVENTS_SPEC_VERSION,
    ce_id: event.id,
    ce_type: event.type,
    ce_source: CLOUDEVENTS_SOURCES[contextOf(event.type)],
    ce_subject: residentId,
    ce_time: occurredAt,
    ce_dataschema: dataschema,
    ce_correlationid: correlationId,
  };
  if (causationId !== undefined) headers['ce_causationid'] = causationId;
  // No record timestamp: Kafka stamps the send time, and retention must count from that. An
  // occurredAt weeks old (a relay catching up) would let time-based retention delete it at once.
  return { key: residentId, value: JSON.stringify(event.data), headers };
}

const schemaUris = new Map<string, string>();

/** The catalogue lookup, remembered: the relay asks it for every event it publishes. */
function schemaUri(type: string, schemaVersion: number): string {
  const key = `${type}@${schemaVersion}`;
  let uri = schemaUris.get(key);
  if (uri === undefined) {
    uri = dataSchemaUri(type, schemaVersion);
    schemaUris.set(key, uri);
  }
  return uri;
}

/** Decodes a record into the envelope handlers receive; throws MalformedEnvelopeError. */
export function fromKafkaRecord(record: IncomingKafkaRecord): EventEnvelope {
  const headers = headerStrings(record.headers);
  if (!headers['ce_id']) throw new MalformedEnvelopeError('No ce_id header: not a CloudEvent in Kafka binary mode.');
  if (headers['content-type'] !== JSON_CONTENT_TYPE) {
    throw new MalformedEnvelopeError(
      `content-type is ${JSON.stringify(headers['content-type'])}; LASTRI events are ${JSON_CONTENT_TYPE} in binary mode.`,
    );
  }
  if (headers['ce_specversion'] !== CLOUDEVENTS_SPEC_VERSION) {
    throw new MalformedEnvelopeError(`ce_specversion is ${JSON.stringify(headers['ce_specversion'])}, not 1.0.`);
  }
  if (record.value === null || record.value === undefined) throw new MalformedEnvelopeError('The record has no value.');

  let cloudEvent: CloudEvent<unknown>;
  try {
    const message: KafkaMessage = { key: asString(record.key) ?? '', value: record.value, headers, body: record.value };
    cloudEvent = Kafka.toEvent(message) as CloudEvent<unknown>;
  } catch (error) {
    throw new MalformedEnvelopeError(`Not a readable CloudEvent: ${(error as Error).message}`);
  }

  const { type, source, subject, dataschema } = cloudEvent;
  // The SDK normalises ce_time to UTC; the writer's own notation is what the store keeps.
  const time = headers['ce_time'];
  const correlationId = headers['ce_correlationid'];
  const present = { ce_type: type, ce_source: source, ce_subject: subject, ce_time: time, ce_dataschema: dataschema, ce_correlationid: correlationId };
  const missing = Object.entries(present).filter(([, value]) => !value).map(([name]) => name);
  if (!subject || !time || !dataschema || !correlationId || missing.length > 0) {
    throw new MalformedEnvelopeError(`Missing header(s): ${missing.join(', ')}.`);
  }
  if (Number.isNaN(Date.parse(time))) throw new MalformedEnvelopeError(`ce_time ${JSON.stringify(time)} is not a date-time.`);
  const key = asString(record.key);
  if (key !== undefined && key !== subject) {
    throw new MalformedEnvelopeError(`The key ${key} is not the resident (ce_subject ${subject}).`);
  }
  const named = parseDataSchemaUri(dataschema);
  if (!named) {
    throw new MalformedEnvelopeError(`ce_dataschema ${dataschema} names no schema this build knows (a newer producer?).`);
  }
  if (named.type !== type) {
    throw new MalformedEnvelopeError(`ce_type ${type} does not match ce_dataschema ${dataschema}.`);
  }

  return {
    id: cloudEvent.id,
    type,
    schemaVersion: named.schemaVersion,
    source,
    residentId: subject,
    occurredAt: time,
    dataschema,
    correlationId,
    ...(headers['ce_causationid'] ? { causationId: headers['ce_causationid'] } : {}),
    data: cloudEvent.data,
  };
}

/** Kafka headers as UTF-8 strings; a header given twice makes the record ambiguous. */
export function headerStrings(headers: IncomingKafkaRecord['headers']): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      throw new MalformedEnvelopeError(`Header ${name} appears ${value.length} times.`);
    }
    strings[name.toLowerCase()] = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  return strings;
}

function asString(value: Buffer | string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return Buffer.isBuffer(value) ? value.toString('utf8') : value;
}
