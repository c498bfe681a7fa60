/**
 * The operator's API for partner agencies' API keys. Admin only: keys are access to residents'
 * referrals, granted by the operator (docs/architecture.md, "Who uses it"). A new key is in the
 * answer once and never again; lists show the prefix only.
 */
import { actorId, CurrentActor, Roles, type Actor } from '@lastri/auth';
import {
  ApiProblemResponses,
  BODY_PROBLEMS,
  HOST_PROBLEMS,
  requestValidationPipe,
} from '@lastri/service-host';
import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  Post,
  UseFilters,
  UsePipes,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
  type ApiResponseSchemaHost,
} from '@nestjs/swagger';

import { AgencyApiKeys } from '../../application/agency-keys/agency-api-keys.query';
import type { KeyOperator } from '../../application/agency-keys/agency-keys-dependencies';
import { IssueApiKey } from '../../application/agency-keys/issue-api-key.handler';
import { RevokeApiKey } from '../../application/agency-keys/revoke-api-key.handler';
import { RotateApiKey } from '../../application/agency-keys/rotate-api-key.handler';
import { AGENCY_IDS } from '../../domain/agencies';
import { IssueApiKeyDto, RevokeApiKeyDto, RotateApiKeyDto } from '../dto/agency-key.dto';
import { orThrow } from './agency-keys-error.exception';
import { AgencyKeysHttpErrors } from './agency-keys-http-errors.filter';

type Schema = ApiResponseSchemaHost['schema'];
const text: Schema = { type: 'string' };
const instant: Schema = { type: 'string', format: 'date-time' };
const nullableInstant: Schema = { type: 'string', format: 'date-time', nullable: true };
const keyId: Schema = { type: 'string', pattern: '^[0-9a-f]{32}$' };

const ISSUED_KEY: Schema = {
  type: 'object',
  required: ['agencyId', 'keyId', 'key', 'keyPrefix', 'issuedAt', 'expiresAt'],
  properties: {
    agencyId: text,
    keyId,
    key: {
      type: 'string',
      description: 'The key, shown this once: LASTRI keeps only its SHA-256 hash.',
    },
    keyPrefix: text,
    issuedAt: instant,
    expiresAt: nullableInstant,
  },
};
const ROTATED_KEY: Schema = {
  ...ISSUED_KEY,
  required: [...(ISSUED_KEY.required ?? []), 'replaced'],
  properties: {
    ...ISSUED_KEY.properties,
    replaced: {
      type: 'object',
      required: ['keyId', 'graceUntil'],
      properties: { keyId, graceUntil: instant },
    },
  },
};
const REVOKED_KEY: Schema = {
  type: 'object',
  required: ['agencyId', 'keyId', 'revokedAt'],
  properties: { agencyId: text, keyId, revokedAt: instant },
};
const KEY_LIST: Schema = {
  type: 'object',
  required: ['agencyId', 'agencyName', 'keys'],
  properties: {
    agencyId: text,
    agencyName: text,
    keys: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'keyId',
          'keyPrefix',
          'status',
          'issuedAt',
          'issuedBy',
          'expiresAt',
          'replacedBy',
          'revokedAt',
          'revokedBy',
          'revocationReason',
        ],
        properties: {
          keyId,
          keyPrefix: text,
          status: { type: 'string', enum: ['ACTIVE', 'EXPIRED', 'REVOKED'] },
          issuedAt: instant,
          issuedBy: text,
          expiresAt: nullableInstant,
          replacedBy: { ...keyId, nullable: true },
          revokedAt: nullableInstant,
          revokedBy: { type: 'string', nullable: true },
          revocationReason: { type: 'string', nullable: true },
        },
      },
    },
  },
};

const MAX_CORRELATION_ID = 200;

@ApiTags('agency API keys')
@ApiBearerAuth()
@ApiProblemResponses(...HOST_PROBLEMS, 403, 404)
@ApiParam({ name: 'agencyId', enum: AGENCY_IDS })
@Controller('agencies/:agencyId/api-keys')
@Roles('admin')
@UseFilters(AgencyKeysHttpErrors)
@UsePipes(requestValidationPipe())
export class AgencyKeysController {
  constructor(
    private readonly keys: AgencyApiKeys,
    private readonly issueKey: IssueApiKey,
    private readonly rotateKey: RotateApiKey,
    private readonly revokeKey: RevokeApiKey,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The agency’s API keys, oldest first: prefix and status, never the key',
  })
  @ApiResponse({ status: 200, description: 'The keys.', schema: KEY_LIST })
  async list(@Param('agencyId') agencyId: string) {
    return orThrow(await this.keys.list(agencyId));
  }

  @Post()
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Issue an API key to the agency; the answer is the only time the key is shown',
  })
  @ApiResponse({ status: 201, description: 'The new key.', schema: ISSUED_KEY })
  @ApiProblemResponses(...BODY_PROBLEMS, 422)
  @CorrelationHeader()
  async issue(
    @Param('agencyId') agencyId: string,
    @Body() body: IssueApiKeyDto,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return orThrow(
      await this.issueKey.handle(
        { agencyId, expiresAt: body.expiresAt },
        operatorOf(actor, correlationId),
      ),
    );
  }

  @Post(':keyId/rotate')
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Replace a key: a new key now, the old one working until the grace period ends (default 24 h, at most 7 days)',
  })
  @ApiParam({ name: 'keyId', schema: keyId })
  @ApiResponse({
    status: 201,
    description: 'The new key, and until when the old one works.',
    schema: ROTATED_KEY,
  })
  @ApiProblemResponses(...BODY_PROBLEMS, 409)
  @CorrelationHeader()
  async rotate(
    @Param('agencyId') agencyId: string,
    @Param('keyId') keyIdParam: string,
    @Body() body: RotateApiKeyDto,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return orThrow(
      await this.rotateKey.handle(
        { agencyId, keyId: keyIdParam, graceHours: body.graceHours },
        operatorOf(actor, correlationId),
      ),
    );
  }

  @Post(':keyId/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a key: it authenticates no further request' })
  @ApiParam({ name: 'keyId', schema: keyId })
  @ApiResponse({ status: 200, description: 'When the key was revoked.', schema: REVOKED_KEY })
  @ApiProblemResponses(...BODY_PROBLEMS, 409)
  @CorrelationHeader()
  async revoke(
    @Param('agencyId') agencyId: string,
    @Param('keyId') keyIdParam: string,
    @Body() body: RevokeApiKeyDto,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return orThrow(
      await this.revokeKey.handle(
        { agencyId, keyId: keyIdParam, reason: body.reason },
        operatorOf(actor, correlationId),
      ),
    );
  }
}

function operatorOf(actor: Actor, correlationId: string | undefined): KeyOperator {
  return {
    actor: actorId(actor, 'admin'),
    ...(correlationId && correlationId.length <= MAX_CORRELATION_ID ? { correlationId } : {}),
  };
}

function CorrelationHeader(): MethodDecorator {
  return ApiHeader({
    name: 'x-correlation-id',
    required: false,
    description: 'Carried into the event this request causes. Default: a new id.',
  });
}
