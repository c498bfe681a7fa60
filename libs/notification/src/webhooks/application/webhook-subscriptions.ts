/**
 * An agency's subscriptions: made, listed, given a new secret (rotation), disabled and enabled.
 * The endpoint is checked here (shape and DNS, webhook-target.ts) before the decider sees it; the
 * secret is drawn here, shown once in the answer and kept in the subscription's events (HMAC needs it).
 */
import { newId } from '@lastri/kernel';
import { Inject, Injectable } from '@nestjs/common';

import { isPartnerAgency } from '../domain/partner-agencies';
import { refuse, isWebhookError, type WebhookError } from '../domain/webhook-subscriptions.errors';
import { activeSecrets, type WebhookSubscription } from '../domain/webhook-subscriptions.state';
import { drawWebhookSecret } from '../infrastructure/standard-webhooks-signature';
import { resolvePublicTarget, TargetRefusedError } from '../infrastructure/webhook-target';
import { readSubscriptions, runSubscriptionCommand } from './webhook-streams';
import { WEBHOOKS_DEPENDENCIES, type WebhookOperator, type WebhooksDependencies } from './webhooks-dependencies';

/** Time for the agency to deploy the new secret: both sign until then. */
export const DEFAULT_SECRET_GRACE_HOURS = 24;
const HOUR_MS = 60 * 60 * 1000;

export interface SubscriptionView {
  readonly subscriptionId: string;
  readonly agencyId: string;
  readonly endpointUrl: string;
  readonly eventTypes: readonly string[];
  readonly enabled: boolean;
  readonly disabledReason: string | null;
  readonly createdAt: string;
  readonly secrets: readonly { readonly secretId: string; readonly addedAt: string; readonly expiresAt: string | null; readonly active: boolean }[];
}

/** The answer that carries a secret, the only time it is shown. */
export interface SubscriptionWithSecret extends SubscriptionView {
  readonly secret: { readonly secretId: string; readonly secret: string };
}

@Injectable()
export class WebhookSubscriptions {
  constructor(@Inject(WEBHOOKS_DEPENDENCIES) private readonly deps: WebhooksDependencies) {}

  async list(agencyId: string): Promise<SubscriptionView[] | WebhookError> {
    if (!isPartnerAgency(agencyId)) return refuse.agencyNotFound(agencyId);
    const state = await readSubscriptions(this.deps.store, agencyId);
    return [...state.subscriptions.values()].map((subscription) => this.view(subscription));
  }

  async create(
    request: { agencyId: string; endpointUrl: string; eventTypes: readonly string[] },
    operator: WebhookOperator,
  ): Promise<SubscriptionWithSecret | WebhookError> {
    if (!isPartnerAgency(request.agencyId)) return refuse.agencyNotFound(request.agencyId);
    const refused = await this.checkEndpoint(request.endpointUrl);
    if (refused) return refused;
    const subscriptionId = newId();
    const at = this.deps.clock.now().toISOString();
    const secret = { secretId: newId(), secret: drawWebhookSecret(), addedAt: at };
    const state = await runSubscriptionCommand(
      this.deps.store,
      this.deps.clock,
      { type: 'CreateSubscription', data: { agencyId: request.agencyId, subscriptionId, endpointUrl: request.endpointUrl, eventTypes: request.eventTypes, secret, at, by: operator.actor } },
      operator,
    );
    return this.withSecret(state, subscriptionId, secret);
  }

  async rotateSecret(
    request: { agencyId: string; subscriptionId: string; graceHours?: number },
    operator: WebhookOperator,
  ): Promise<SubscriptionWithSecret | WebhookError> {
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const secret = { secretId: newId(), secret: drawWebhookSecret(), addedAt: at };
    const graceUntil = new Date(now.getTime() + (request.graceHours ?? DEFAULT_SECRET_GRACE_HOURS) * HOUR_MS).toISOString();
    const state = await runSubscriptionCommand(
      this.deps.store,
      this.deps.clock,
      { type: 'AddSecret', data: { agencyId: request.agencyId, subscriptionId: request.subscriptionId, secret, previousSecretsExpireAt: graceUntil, at, by: operator.actor } },
      operator,
    );
    return this.withSecret(state, request.subscriptionId, secret);
  }

  async disable(request: { agencyId: string; subscriptionId: string }, operator: WebhookOperator, reason: 'REQUESTED' | 'ENDPOINT_GONE' = 'REQUESTED'): Promise<SubscriptionView | WebhookError> {
    const at = this.deps.clock.now().toISOString();
    const state = await runSubscriptionCommand(this.deps.store, this.deps.clock, { type: 'DisableSubscription', data: { ...request, reason, at, by: operator.actor } }, operator);
    return this.viewOf(state, request.subscriptionId);
  }

  async enable(request: { agencyId: string; subscriptionId: string }, operator: WebhookOperator): Promise<SubscriptionView | WebhookError> {
    const at = this.deps.clock.now().toISOString();
    const state = await runSubscriptionCommand(this.deps.store, this.deps.clock, { type: 'EnableSubscription', data: { ...request, at, by: operator.actor } }, operator);
    return this.viewOf(state, request.subscriptionId);
  }

  private async checkEndpoint(endpointUrl: string): Promise<WebhookError | undefined> {
    try {
      await resolvePublicTarget(endpointUrl, this.deps.targets);
      return undefined;
    } catch (error) {
      if (error instanceof TargetRefusedError) return refuse.endpointNotAllowed(error.message);
      throw error;
    }
  }

  private withSecret(
    state: Awaited<ReturnType<typeof runSubscriptionCommand>>,
    subscriptionId: string,
    secret: { secretId: string; secret: string },
  ): SubscriptionWithSecret | WebhookError {
    const view = this.viewOf(state, subscriptionId);
    if (isWebhookError(view)) return view;
    return { ...view, secret: { secretId: secret.secretId, secret: secret.secret } };
  }

  private viewOf(state: Awaited<ReturnType<typeof runSubscriptionCommand>>, subscriptionId: string): SubscriptionView | WebhookError {
    if (isWebhookError(state)) return state;
    const subscription = state.subscriptions.get(subscriptionId);
    return subscription ? this.view(subscription) : refuse.subscriptionNotFound(subscriptionId);
  }

  private view(subscription: WebhookSubscription): SubscriptionView {
    const active = new Set(activeSecrets(subscription, this.deps.clock.now()).map((secret) => secret.secretId));
    return {
      subscriptionId: subscription.subscriptionId,
      agencyId: subscription.agencyId,
      endpointUrl: subscription.endpointUrl,
      eventTypes: subscription.eventTypes,
      enabled: subscription.enabled,
      disabledReason: subscription.disabledReason ?? null,
      createdAt: subscription.createdAt,
      secrets: subscription.secrets.map(({ secretId, addedAt, expiresAt }) => ({ secretId, addedAt, expiresAt: expiresAt ?? null, active: active.has(secretId) })),
    };
  }
}
