import type { StoredEvent } from '@lastri/event-store';
import { BaseRpcContext } from '@nestjs/microservices';

/** What `@Ctx()` gives a handler in embedded mode; the Kafka transport gives a KafkaContext. */
export class EmbeddedEventContext extends BaseRpcContext<[StoredEvent, string, string]> {
  /** The stored event the envelope was built from. */
  getStoredEvent(): StoredEvent {
    return this.args[0];
  }

  /** The topic the handler subscribed to (`lastri.<context>.events`). */
  getTopic(): string {
    return this.args[1];
  }

  getConsumer(): string {
    return this.args[2];
  }
}
