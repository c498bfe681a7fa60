import { DiagnosticSeverity, Parser, fromFile } from '@asyncapi/parser';
import path from 'node:path';
import cloudEventsKafkaHeadersSchema from '../envelope/cloud-events-kafka-headers.v1.schema.json';
import { eventCatalogue } from './catalogue/event-catalogue';
import { exampleEventData } from './examples';
import { EVENT_CONTEXTS, EVENT_TOPICS, EVENT_TYPES } from './wire-names';

const ASYNCAPI_FILE = path.resolve(__dirname, '../asyncapi.yaml');

describe('asyncapi.yaml', () => {
  let parsed: Awaited<ReturnType<ReturnType<typeof fromFile>['parse']>>;

  beforeAll(async () => {
    parsed = await fromFile(new Parser(), ASYNCAPI_FILE).parse();
  });

  it('is a valid AsyncAPI document, its $refs to schemas and examples resolved', () => {
    const errors = parsed.diagnostics.filter(
      (diagnostic) => diagnostic.severity === DiagnosticSeverity.Error,
    );
    expect(errors.map((error) => `${error.path.join('.')}: ${error.message}`)).toEqual([]);
    expect(parsed.document).toBeDefined();
  });

  it('has one channel per context, at its topic, carrying exactly that context’s event types', () => {
    const document = parsed.document;
    for (const context of EVENT_CONTEXTS) {
      const channel = document?.channels().get(`${context}Events`);
      expect(channel?.address()).toBe(EVENT_TOPICS[context]);
      const types = EVENT_TYPES.filter((type) => eventCatalogue[type].context === context);
      expect(
        channel
          ?.messages()
          .all()
          .map((message) => message.name()),
      ).toEqual(types);
    }
  });

  it.each(EVENT_TYPES)(
    'describes %s: latest schema, CloudEvents headers, residentId key, published example',
    (type) => {
      const message = parsed.document
        ?.messages()
        .all()
        .find((candidate) => candidate.name() === type);
      const entry = eventCatalogue[type];
      expect(message?.payload()?.id()).toBe(entry.schemas[entry.latestVersion].$id);
      expect(message?.headers()?.json()).toMatchObject({
        schema: { $id: cloudEventsKafkaHeadersSchema.$id },
      });
      expect(message?.bindings().get('kafka')?.value()).toMatchObject({
        key: { type: 'string', format: 'uuid' },
      });
      expect(
        message
          ?.examples()
          .all()
          .map((example) => example.payload()),
      ).toEqual([exampleEventData(type, entry.latestVersion)]);
    },
  );
});
