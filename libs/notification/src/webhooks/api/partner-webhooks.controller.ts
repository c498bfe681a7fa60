/**
 * Partner agencies' webhooks over HTTP: subscriptions (secret shown once, on creation and on
 * rotation), deliveries by status (the dead-letter list), an operator's retry of a dead delivery,
 * and replays of a time window. An agency manages its own webhooks only; an admin any agency's.
 */
import { actorId, CurrentActor, hasRole, Roles, type Actor } from '@lastri/auth';
import { ApiProblemResponses, BODY_PROBLEMS, HOST_PROBLEMS, ProblemException, requestValidationPipe, uuidParam } from '@lastri/service-host';
import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, Query, UsePipes } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';

import { DeliveryLog } from '../application/delivery-log';
import { RequestDeliveries } from '../application/request-deliveries';
import { WebhookSubscriptions } from '../application/webhook-subscriptions';
import type { WebhookOperator } from '../application/webhooks-dependencies';
import type { Delivery, DeliveryStatus } from '../domain/deliveries';
import { PARTNER_AGENCY_IDS } from '../domain/partner-agencies';
import { isWebhookError, type WebhookError, type WebhookErrorKind } from '../domain/webhook-subscriptions.errors';
import { CreateWebhookSubscriptionDto, DeliveriesQueryDto, ReplayDto, RotateWebhookSecretDto } from './webhooks.dto';

const AN_OBJECT = { type: 'object' } as const;
const OBJECTS = { type: 'array', items: AN_OBJECT } as const;
const UUID = { type: 'string', format: 'uuid' } as const;

const STATUS: Record<WebhookErrorKind, number> = { 'not-found': 404, conflict: 409, invalid: 422, forbidden: 403 };
const MAX_CORRELATION_ID = 200;

function orThrow<T>(answer: T | WebhookError): T {
  if (isWebhookError(answer)) throw new ProblemException({ status: STATUS[answer.kind], code: answer.type, detail: answer.message });
  return answer;
}

@ApiTags('partner webhooks')
@ApiBearerAuth()
@ApiProblemResponses(...HOST_PROBLEMS, 403, 404)
@ApiParam({ name: 'agencyId', enum: PARTNER_AGENCY_IDS })
@Controller('agencies/:agencyId')
@Roles('admin', 'agency')
@UsePipes(requestValidationPipe())
export class PartnerWebhooksController {
  constructor(
    private readonly subscriptions: WebhookSubscriptions,
    private readonly deliveries: RequestDeliveries,
    private readonly log: DeliveryLog,
  ) {}

  @Post('webhook-subscriptions')
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Subscribe an endpoint; the answer is the only time the signing secret (whsec_…) is shown' })
  @ApiResponse({ status: 201, description: 'The subscription and its secret.', schema: AN_OBJECT })
  @ApiProblemResponses(...BODY_PROBLEMS, 422)
  async create(@Param('agencyId') agencyId: string, @Body() body: CreateWebhookSubscriptionDto, @CurrentActor() actor: Actor, @Headers('x-correlation-id') correlationId?: string) {
    return orThrow(await this.subscriptions.create({ agencyId, endpointUrl: body.endpointUrl, eventTypes: body.eventTypes }, operatorOf(actor, agencyId, correlationId)));
  }

  @Get('webhook-subscriptions')
  @ApiOperation({ summary: 'The agency’s subscriptions: endpoint, event types, state, secrets’ ids and validity (never the secrets)' })
  @ApiResponse({ status: 200, description: 'The subscriptions.', schema: OBJECTS })
  async list(@Param('agencyId') agencyId: string, @CurrentActor() actor: Actor) {
    operatorOf(actor, agencyId);
    return orThrow(await this.subscriptions.list(agencyId));
  }

  @Post('webhook-subscriptions/:subscriptionId/secrets')
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Rotate: a new secret now; the older ones keep signing until the grace ends (default 24 h)' })
  @ApiResponse({ status: 201, description: 'The subscription and its new secret.', schema: AN_OBJECT })
  @ApiParam({ name: 'subscriptionId', schema: UUID })
  @ApiProblemResponses(...BODY_PROBLEMS)
  async rotate(
    @Param('agencyId') agencyId: string,
    @Param('subscriptionId', uuidParam('subscriptionId')) subscriptionId: string,
    @Body() body: RotateWebhookSecretDto,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return orThrow(await this.subscriptions.rotateSecret({ agencyId, subscriptionId, graceHours: body.graceHours }, operatorOf(actor, agencyId, correlationId)));
  }

  @Post('webhook-subscriptions/:subscriptionId/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop deliveries to the subscription' })
  @ApiResponse({ status: 200, description: 'The subscription.', schema: AN_OBJECT })
  @ApiParam({ name: 'subscriptionId', schema: UUID })
  @ApiProblemResponses(409)
  async disable(@Param('agencyId') agencyId: string, @Param('subscriptionId', uuidParam('subscriptionId')) subscriptionId: string, @CurrentActor() actor: Actor, @Headers('x-correlation-id') correlationId?: string) {
    return orThrow(await this.subscriptions.disable({ agencyId, subscriptionId }, operatorOf(actor, agencyId, correlationId)));
  }

  @Post('webhook-subscriptions/:subscriptionId/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume deliveries (events in between are not sent: replay them)' })
  @ApiResponse({ status: 200, description: 'The subscription.', schema: AN_OBJECT })
  @ApiParam({ name: 'subscriptionId', schema: UUID })
  @ApiProblemResponses(409)
  async enable(@Param('agencyId') agencyId: string, @Param('subscriptionId', uuidParam('subscriptionId')) subscriptionId: string, @CurrentActor() actor: Actor, @Headers('x-correlation-id') correlationId?: string) {
    return orThrow(await this.subscriptions.enable({ agencyId, subscriptionId }, operatorOf(actor, agencyId, correlationId)));
  }

  @Get('webhook-deliveries')
  @ApiOperation({ summary: 'The agency’s deliveries, by status; `status=dead` is the dead-letter list' })
  @ApiResponse({ status: 200, description: 'The deliveries, oldest first.', schema: OBJECTS })
  async listDeliveries(@Param('agencyId') agencyId: string, @Query() query: DeliveriesQueryDto, @CurrentActor() actor: Actor) {
    operatorOf(actor, agencyId);
    const status = query.status?.toUpperCase() as DeliveryStatus | undefined;
    return (await this.log.ofAgency(agencyId, status)).map(deliveryView);
  }

  @Post('webhook-deliveries/:deliveryId/retry')
  @Roles('admin')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a dead delivery again (admin): a new delivery with the same webhook-id' })
  @ApiResponse({ status: 202, description: 'The new delivery’s id.', schema: AN_OBJECT })
  @ApiParam({ name: 'deliveryId', schema: UUID })
  @ApiProblemResponses(409)
  async retry(@Param('agencyId') agencyId: string, @Param('deliveryId', uuidParam('deliveryId')) deliveryId: string, @CurrentActor() actor: Actor, @Headers('x-correlation-id') correlationId?: string) {
    return orThrow(await this.deliveries.retryDead({ agencyId, deliveryId }, operatorOf(actor, agencyId, correlationId)));
  }

  @Post('webhook-replays')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send the agency’s events of a time window again: new deliveries, the same webhook-id per event' })
  @ApiResponse({ status: 202, description: 'The replay’s id and how many events and deliveries it requested.', schema: AN_OBJECT })
  @ApiProblemResponses(...BODY_PROBLEMS, 422)
  async replay(@Param('agencyId') agencyId: string, @Body() body: ReplayDto, @CurrentActor() actor: Actor, @Headers('x-correlation-id') correlationId?: string) {
    return orThrow(await this.deliveries.replay({ agencyId, from: body.from, to: body.to }, operatorOf(actor, agencyId, correlationId)));
  }
}

/** An agency acts on its own webhooks only; an admin on any agency's. */
function operatorOf(actor: Actor, agencyId: string, correlationId?: string): WebhookOperator {
  if (!hasRole(actor, 'admin') && actor.agencyId !== agencyId) {
    throw new ProblemException({ status: 403, code: 'OtherAgency', detail: 'Instansi hanya dapat mengelola webhook miliknya sendiri.' });
  }
  return {
    actor: actorId(actor, hasRole(actor, 'admin') ? 'admin' : 'agency'),
    ...(correlationId && correlationId.length <= MAX_CORRELATION_ID ? { correlationId } : {}),
  };
}

function deliveryView(delivery: Delivery) {
  const { request } = delivery;
  return {
    deliveryId: request.deliveryId,
    webhookId: request.webhookId,
    subscriptionId: request.subscriptionId,
    eventId: request.eventId,
    eventType: request.eventType,
    occurredAt: request.occurredAt,
    requestedAt: request.requestedAt,
    cause: request.cause.kind,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt ?? null,
    lastStatusCode: delivery.lastStatusCode ?? null,
    lastError: delivery.lastError ?? null,
    settledAt: delivery.settledAt ?? null,
  };
}
