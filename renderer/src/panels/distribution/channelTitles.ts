import type { ChannelName } from '../../../../core/contract/contract';

export const channelTitles: Record<ChannelName, string> = { discord: 'Discord', telegram: 'Telegram', x: 'X' };
