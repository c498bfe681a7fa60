/**
 * Upcasting: old stored events are never rewritten; when a type's data changes incompatibly it
 * gets a new schema version, and an upcaster turns version N data into version N + 1. Reading
 * chains them, so every consumer handles only the latest version.
 */
import { UnknownEventTypeError, UnknownSchemaVersionError } from '../errors';

export interface Upcaster {
  readonly type: string;
  /** The version it reads; it returns the data at fromVersion + 1. */
  readonly fromVersion: number;
  /**
   * Method syntax on purpose: an upcaster can declare its exact input type
   * (`upcast(data: EventData<'CaseOpened', 1>): EventData<'CaseOpened', 2>`) and still fit here.
   */
  upcast(data: unknown): unknown;
}

/** Brings data of `type` at `fromVersion` to the latest version. Does not validate it. */
export type UpcastFunction = (type: string, fromVersion: number, data: unknown) => unknown;

/**
 * Builds the upcast function for a set of event types and their upcasters. Refuses, at once, a
 * chain with a gap or a duplicate: a missing upcaster would otherwise surface only when an old
 * event is read.
 */
export function createUpcaster(
  latestVersions: Readonly<Record<string, number>>,
  upcasters: readonly Upcaster[],
): UpcastFunction {
  const stray = upcasters.find(
    (upcaster) =>
      !Object.hasOwn(latestVersions, upcaster.type) ||
      !Number.isInteger(upcaster.fromVersion) ||
      upcaster.fromVersion < 1 ||
      upcaster.fromVersion >= latestVersions[upcaster.type],
  );
  if (stray) {
    const latest = Object.hasOwn(latestVersions, stray.type)
      ? `is at v${latestVersions[stray.type]}`
      : 'is not known';
    throw new Error(
      `Upcaster ${stray.type} v${stray.fromVersion} leads nowhere: ${stray.type} ${latest}.`,
    );
  }
  /** Per type, the upcasters in order: chain[i] reads version i + 1. */
  const chains: Record<string, Upcaster[]> = {};
  for (const [type, latest] of Object.entries(latestVersions)) {
    chains[type] = [];
    for (let version = 1; version < latest; version++) {
      const steps = upcasters.filter(
        (upcaster) => upcaster.type === type && upcaster.fromVersion === version,
      );
      if (steps.length === 0) {
        throw new Error(
          `${type}: no upcaster from v${version} to v${version + 1}, so stored v${version} events cannot be read.`,
        );
      }
      if (steps.length > 1) throw new Error(`Two upcasters read ${type} v${version}.`);
      chains[type].push(steps[0]);
    }
  }

  return (type, fromVersion, data) => {
    if (!Object.hasOwn(chains, type)) throw new UnknownEventTypeError(type);
    const chain = chains[type];
    if (!Number.isInteger(fromVersion) || fromVersion < 1 || fromVersion > chain.length + 1) {
      throw new UnknownSchemaVersionError(
        type,
        fromVersion,
        Array.from({ length: chain.length + 1 }, (_, index) => index + 1),
      );
    }
    return chain
      .slice(fromVersion - 1)
      .reduce((current, upcaster) => upcaster.upcast(current), data);
  };
}
