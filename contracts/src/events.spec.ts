import type { EligibilityEvent, LastriEvent } from './events';
import { exampleEventData } from './examples';
import { upcastEvent } from './upcasting/upcast';

/** What a consumer writes: narrow on `type`, read typed data, and let the compiler check exhaustiveness. */
function summarise(event: EligibilityEvent): string {
  switch (event.type) {
    case 'EligibilityDetermined':
      return event.data.programmes
        .map((programme) => `${programme.programme}:${programme.eligible}`)
        .join(' ');
    case 'ManualReviewRequired':
      return `review ${event.data.reasons.map((reason) => reason.code).join(',')}`;
    case 'ManualReviewDecided':
      return `review ${event.data.decision}`;
    case 'EligibilityOverridden':
      return `override ${event.data.programme}:${event.data.eligible}`;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

describe('LastriEvent', () => {
  it('narrows a stored event to its typed data', () => {
    const stored = {
      type: 'EligibilityDetermined',
      schemaVersion: 1,
      data: exampleEventData('EligibilityDetermined', 1),
    };
    const event: LastriEvent = upcastEvent(stored);
    expect(event.type === 'EligibilityDetermined' && summarise(event)).toBe('PKH:true PIP:true');
  });
});
