import {
  CLOUDEVENTS_SOURCES,
  EVENT_CONTEXTS,
  EVENT_TOPICS,
  EVENT_TYPES,
  EventTypes,
  contextOf,
  deadLetterTopic,
  isEventType,
  partnerTopic,
  residentStreamName,
} from './wire-names';

describe('wire names', () => {
  it('names one internal topic, stream prefix and CloudEvents source per context', () => {
    expect(EVENT_TOPICS).toEqual({
      intake: 'lastri.intake.events',
      eligibility: 'lastri.eligibility.events',
      referral: 'lastri.referral.events',
      notification: 'lastri.notification.events',
    });
    expect(residentStreamName('eligibility', '5b0c3f1e-8a2d-4f6b-9c7e-2d1a4b3c5e6f')).toBe(
      'eligibility-5b0c3f1e-8a2d-4f6b-9c7e-2d1a4b3c5e6f',
    );
    expect(CLOUDEVENTS_SOURCES.intake).toBe('/lastri/intake');
  });

  it('gives every event type exactly one owning context', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    expect(contextOf('CaseSubmitted')).toBe('intake');
    expect(contextOf('WebhookFailed')).toBe('notification');
    expect(
      EVENT_CONTEXTS.map(
        (context) => EVENT_TYPES.filter((type) => contextOf(type) === context).length,
      ),
    ).toEqual([10, 4, 13, 13]);
    expect(EventTypes.EligibilityDetermined).toBe('EligibilityDetermined');
    expect(isEventType('CaseSubmitted')).toBe(true);
    expect(isEventType('caseSubmitted')).toBe(false);
  });

  it('builds dead-letter and partner topics only from kebab-case names', () => {
    expect(deadLetterTopic('eligibility')).toBe('lastri.eligibility.dlq');
    expect(partnerTopic('dinas-pendidikan')).toBe('lastri.partner.dinas-pendidikan');
    expect(() => partnerTopic('Dinas Pendidikan')).toThrow(RangeError);
    expect(() => deadLetterTopic('eligibility.events')).toThrow(/kebab-case/);
  });
});
