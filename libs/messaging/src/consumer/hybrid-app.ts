import type { INestApplication } from '@nestjs/common';
import type { CustomTransportStrategy } from '@nestjs/microservices';

/**
 * Starts a service that serves HTTP and consumes events in one Nest app.
 * - `inheritAppConfig`: the global pipes, filters and interceptors the host set on the app apply
 *   to the event handlers too, not only to the controllers.
 * - `listen()` before `startAllMicroservices()`: listen() initialises the app (onModuleInit,
 *   onApplicationBootstrap: stores opened, relays started); a hybrid microservice does not, so
 *   starting it first would let the first message reach a handler whose module is not ready.
 * - Several transports: a service whose context has more than one consumer (one Kafka group each,
 *   so that one falling behind does not hold the other back).
 */
export async function listenWithEventTransport(
  app: INestApplication,
  transport: CustomTransportStrategy | readonly CustomTransportStrategy[],
  port: number | string,
  hostname?: string,
): Promise<void> {
  const transports: readonly CustomTransportStrategy[] = Array.isArray(transport) ? transport : [transport as CustomTransportStrategy];
  for (const strategy of transports) app.connectMicroservice({ strategy }, { inheritAppConfig: true });
  await (hostname ? app.listen(port, hostname) : app.listen(port));
  await app.startAllMicroservices();
}
