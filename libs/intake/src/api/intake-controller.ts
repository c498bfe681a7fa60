import { Controller, UseFilters, UsePipes, applyDecorators } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { IntakeRoute } from './api-docs';
import { IntakeRefusalFilter } from './http/intake-refusal.filter';
import { requestValidationPipe } from '@lastri/service-host';

/**
 * An intake controller at `path`: its OpenAPI tag and shared responses, and the refusal mapping
 * and request validation bound to it (correlation ids and problem details are the host's).
 */
export function IntakeController(path: string): ClassDecorator {
  return applyDecorators(
    ApiTags(path),
    IntakeRoute(),
    Controller(path),
    UseFilters(IntakeRefusalFilter),
    UsePipes(requestValidationPipe()),
  );
}
