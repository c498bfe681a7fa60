/**
 * The Dinas Sosial side: a caseworker sees the notifications of a resident of their kelurahan
 * (supervisors and admins city-wide, auditors read all) and records the resident's channel.
 */
import { actorId, CurrentActor, Roles, type Actor } from '@lastri/auth';
import { BODY_PROBLEMS, ApiProblemResponses, requestValidationPipe, uuidParam } from '@lastri/service-host';
import { Body, Controller, Get, Headers, HttpCode, Param, Put, UseFilters, UsePipes } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { NotificationQueries } from '../../application/queries/notification-queries';
import { SetNotificationPreference } from '../../application/set-preference/set-notification-preference';
import { NotificationPreferenceDto } from '../dto/notification-preference.dto';
import { Answers, ByResidentId, CORRELATION_HEADER, NotificationRoute, PREFERENCE_VIEW, RESIDENT_NOTIFICATIONS } from './api-docs';
import { orThrow } from './notification-error.exception';
import { NotificationHttpErrors } from './notification-http-errors.filter';

const MAX_CORRELATION_ID = 200;

@NotificationRoute()
@Controller()
@UseFilters(NotificationHttpErrors)
@UsePipes(requestValidationPipe())
export class NotificationsController {
  constructor(
    private readonly queries: NotificationQueries,
    private readonly setPreference: SetNotificationPreference,
  ) {}

  @Get('residents/:residentId/notifications')
  @Roles('caseworker', 'supervisor', 'admin', 'auditor')
  @ApiOperation({ summary: "A resident's notifications — sent, pending, failed or skipped and why — and their channel preference" })
  @Answers(200, 'The notifications, oldest first.', RESIDENT_NOTIFICATIONS)
  @ByResidentId()
  async ofResident(@Param('residentId', uuidParam('residentId')) residentId: string, @CurrentActor() actor: Actor) {
    return orThrow(await this.queries.ofResident(actor, residentId));
  }

  @Put('residents/:residentId/notification-preference')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Record how the resident wants to be told: EMAIL, SMS, WHATSAPP, or NONE for no messages' })
  @Answers(200, 'The preference now recorded.', PREFERENCE_VIEW)
  @ByResidentId()
  @CORRELATION_HEADER
  @ApiProblemResponses(...BODY_PROBLEMS)
  async preference(
    @Param('residentId', uuidParam('residentId')) residentId: string,
    @Body() body: NotificationPreferenceDto,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    const issuer = { actor: actorId(actor), ...(correlationId && correlationId.length <= MAX_CORRELATION_ID ? { correlationId } : {}) };
    return orThrow(await this.setPreference.handle(actor, residentId, body.channel, issuer));
  }
}
