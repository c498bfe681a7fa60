import { Controller, UseFilters, UseInterceptors, UsePipes, applyDecorators } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { IntakeRoute } from './api-docs';
import { IntakeRefusalFilter } from './http/intake-refusal.filter';
import { CorrelationIdInterceptor } from './http/request-context';
import { requestValidationPipe } from '@lastri/service-host';

/**
 * An intake controller at `path`: its OpenAPI tag and shared responses, and the refusal mapping,
 * correlation ids and request validation bound to it, whatever the host configures globally.
 */
export function IntakeController(path: string): ClassDecorator {
  return applyDecorators(
    ApiTags(path),
    IntakeRoute(),
    Controller(path),
    UseFilters(IntakeRefusalFilter),
    UseInterceptors(CorrelationIdInterceptor),
    UsePipes(requestValidationPipe()),
  );
}
