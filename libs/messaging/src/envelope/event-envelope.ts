/**
 * What an `@EventPattern` handler receives, whichever transport delivered it: the CloudEvents
 * attributes LASTRI puts on the wire and the event's data. Kafka consumers decode it from the
 * record (binary mode); the embedded transport builds it from the stored event through the same
 * encoding, so the two can never drift apart.
 */
export interface EventEnvelope<Data = unknown> {
  /** `ce_id`: the stored event's id. A handler uses it as the causation id of what it appends. */
  readonly id: string;
  /** `ce_type`, e.g. `CaseSubmitted`. */
  readonly type: string;
  /** The version named by `ce_dataschema`. */
  readonly schemaVersion: number;
  /** `ce_source`: the context that wrote the event, e.g. `/lastri/intake`. */
  readonly source: string;
  /** `ce_subject`, and the Kafka key: one resident's events stay in order. */
  readonly residentId: string;
  /** `ce_time`: the metadata's occurredAt, exactly as the writer stated it. */
  readonly occurredAt: string;
  /** `ce_dataschema`: the `$id` of the JSON Schema the data satisfies. */
  readonly dataschema: string;
  /** `ce_correlationid`. */
  readonly correlationId: string;
  /** `ce_causationid`; absent when a person's command caused the event. */
  readonly causationId?: string;
  readonly data: Data;
}
