import { chooseChannel, type ResidentContact } from './channel-choice';

const ALL = ['EMAIL', 'SMS', 'WHATSAPP'] as const;
const both: ResidentContact = { name: 'Siti Aminah', email: 'siti@example.id', phone: '+6281234567890', notificationsAllowed: true };

describe('choosing the channel', () => {
  it('prefers e-mail when intake holds an address, else SMS to the phone', () => {
    expect(chooseChannel(both, undefined, ALL)).toEqual({ kind: 'channel', channel: 'EMAIL', recipient: { name: 'Siti Aminah', email: 'siti@example.id' } });
    expect(chooseChannel({ ...both, email: undefined }, undefined, ALL)).toMatchObject({ channel: 'SMS', recipient: { phone: '+6281234567890' } });
  });

  it('follows the preference the caseworker recorded', () => {
    expect(chooseChannel(both, 'WHATSAPP', ALL)).toMatchObject({ channel: 'WHATSAPP' });
    expect(chooseChannel(both, 'NONE', ALL)).toMatchObject({ kind: 'skip', reason: 'PREFERENCE_NONE' });
    expect(chooseChannel({ ...both, email: undefined }, 'EMAIL', ALL)).toMatchObject({ kind: 'skip', reason: 'NO_CONTACT' });
  });

  it('sends nothing without a basis covering notifications, or without any contact', () => {
    expect(chooseChannel({ ...both, notificationsAllowed: false }, 'SMS', ALL)).toMatchObject({ kind: 'skip', reason: 'NO_CONSENT' });
    expect(chooseChannel({ name: 'Siti Aminah', notificationsAllowed: true }, undefined, ALL)).toMatchObject({ kind: 'skip', reason: 'NO_CONTACT' });
    expect(chooseChannel(undefined, undefined, ALL)).toMatchObject({ kind: 'skip', reason: 'RESIDENT_UNKNOWN' });
  });

  it('falls back to a configured channel, and skips when none of the resident’s is configured', () => {
    expect(chooseChannel(both, undefined, ['SMS'])).toMatchObject({ channel: 'SMS' });
    expect(chooseChannel({ ...both, phone: undefined }, undefined, ['SMS'])).toMatchObject({ kind: 'skip', reason: 'CHANNEL_UNAVAILABLE', detail: 'Saluran e-mail belum tersedia.' });
    expect(chooseChannel(both, 'WHATSAPP', [])).toMatchObject({ kind: 'skip', reason: 'CHANNEL_UNAVAILABLE' });
  });
});
