/**
 * The settings every host reads the same way. Each reader returns the value, its default when
 * the variable is unset, or throws an Error whose message names the variable; collectConfig
 * turns that into a ConfigProblem.
 */
import type { Env } from '@lastri/auth';
import { parseEventStoreUrl } from '@lastri/event-store';

/** What an unset variable means: its default, or (`required`) the rest of "<VARIABLE> is required: …". */
export type IfUnset<T> = { fallback: T } | { required: string };

const BROKER = /^[A-Za-z0-9.-]+:\d{1,5}$/;

export function readPort(env: Env, fallback: number): number {
  const value = env.PORT;
  if (value === undefined || value.trim() === '') return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port < 1 || port > 65535) {
    throw new Error(`PORT must be a port number from 1 to 65535, got ${JSON.stringify(value)}.`);
  }
  return port;
}

export function readHost(env: Env, fallback = '0.0.0.0'): string {
  return env.HOST?.trim() || fallback;
}

/** Checked at start, so a typo stops the process instead of the first append. */
export function readEventStoreUrl(env: Env, unset: IfUnset<string>): string {
  const value = env.EVENT_STORE_URL?.trim() || ('fallback' in unset ? unset.fallback : '');
  if (value === '' && 'required' in unset) {
    throw new Error(`EVENT_STORE_URL is required: ${unset.required}`);
  }
  parseEventStoreUrl(value);
  return value;
}

/** Comma-separated host:port; unset means no Kafka, unless the host cannot run without it. */
export function readKafkaBrokers(env: Env, unset: { required: string }): string[];
export function readKafkaBrokers(env: Env): string[] | undefined;
export function readKafkaBrokers(env: Env, unset?: { required: string }): string[] | undefined {
  const brokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (brokers.length === 0) {
    if (unset) throw new Error(`KAFKA_BROKERS is required: ${unset.required}`);
    return undefined;
  }
  const wrong = brokers.filter((broker) => !BROKER.test(broker));
  if (wrong.length > 0) {
    throw new Error(
      `KAFKA_BROKERS must be comma-separated host:port pairs, e.g. 127.0.0.1:29092; not ${wrong.map((w) => JSON.stringify(w)).join(', ')}.`,
    );
  }
  return brokers;
}
