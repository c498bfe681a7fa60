/**
 * What a part of a service that runs in the background (the relay, a consumer, the embedded
 * subscriptions) tells the readiness check. Those parts live in libraries that do not depend on
 * this one, so they only need to have this shape.
 */
export interface Readiness {
  ready: boolean;
  /** For an operator: what it is doing or waiting for ("joined group lastri.eligibility", "back-off after …"). */
  detail: string;
}

export interface ReadinessProbe {
  /** The key of this part in the health body, e.g. `relay`, `kafka-consumer`. */
  readonly readinessName: string;
  readiness(): Readiness;
}

/** The probes of this process; the host adds its background parts once they exist. */
export class ReadinessProbes {
  private readonly probes: ReadinessProbe[] = [];

  add(...probes: ReadinessProbe[]): this {
    this.probes.push(...probes);
    return this;
  }

  all(): readonly ReadinessProbe[] {
    return this.probes;
  }
}
