/** The body of PUT /residents/{residentId}/notification-preference: shape only. */
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

import { CHANNEL_PREFERENCES, type ChannelPreference } from '../../domain/notification.events';

export class NotificationPreferenceDto {
  @ApiProperty({ enum: [...CHANNEL_PREFERENCES], description: 'How the resident wants to be told; NONE: no messages at all.' })
  @IsIn([...CHANNEL_PREFERENCES], { message: `harus salah satu dari ${CHANNEL_PREFERENCES.join(', ')}` })
  channel!: ChannelPreference;
}
