import type { DistributionConfig } from '../config/distributionSchema';
import type { DistributionSecrets } from '../config/settings';
import type { ChannelName } from '../contract/distributionView';
import type { ChannelClient } from '../distribution/channels/channelClient';
import { DiscordWebhook } from '../distribution/channels/discordWebhook';
import { TelegramBot } from '../distribution/channels/telegramBot';
import { X_OAUTH1_VARIABLES, type XCredentials } from '../distribution/channels/xAuth';
import { XPosts } from '../distribution/channels/xPosts';
import type { ChannelSetup } from '../distribution/distributionService';

/** A stand-in to format with when a secret is missing (dry-run and preview need no secret). */
const FORMATTERS = {
  discord: new DiscordWebhook('https://discord.invalid/webhook'),
  telegram: new TelegramBot({ apiBaseUrl: 'https://telegram.invalid', token: 'none', chatId: 'none' }),
  x: new XPosts({ apiBaseUrl: 'https://x.invalid', credentials: { kind: 'oauth2', userToken: 'none' } }),
};

/** X's OAuth 1.0a keys when set (they do not expire), else the OAuth 2.0 user token, else null. */
function xCredentials(secrets: DistributionSecrets): XCredentials | null {
  if (secrets.xOAuth1) return { kind: 'oauth1', keys: secrets.xOAuth1 };
  return secrets.xUserToken ? { kind: 'oauth2', userToken: secrets.xUserToken } : null;
}

function client(name: ChannelName, config: DistributionConfig, secrets: DistributionSecrets): { client: ChannelClient | null; problem: string | null } {
  const missing = (...names: Array<[string, string | undefined]>) => names.filter(([, v]) => !v).map(([n]) => n);
  const lacking =
    name === 'discord' ? missing(['DISCORD_WEBHOOK_URL', secrets.discordWebhookUrl])
      : name === 'telegram' ? missing(['TELEGRAM_BOT_TOKEN', secrets.telegramBotToken], ['TELEGRAM_CHAT_ID', secrets.telegramChatId])
        : xCredentials(secrets) ? [] : [`${X_OAUTH1_VARIABLES.join(', ')} (or X_USER_TOKEN)`];
  if (lacking.length > 0) return { client: null, problem: `${lacking.join(' and ')} not set in .env` };
  try {
    if (name === 'discord') return { client: new DiscordWebhook(secrets.discordWebhookUrl!), problem: null };
    if (name === 'telegram') return { client: new TelegramBot({ apiBaseUrl: config.telegram.apiBaseUrl, token: secrets.telegramBotToken!, chatId: secrets.telegramChatId! }), problem: null };
    return { client: new XPosts({ apiBaseUrl: config.x.apiBaseUrl, credentials: xCredentials(secrets)! }), problem: null };
  } catch (error) {
    return { client: null, problem: (error as Error).message };
  }
}

/** Each channel's settings, its client (null when a secret is missing or malformed) and why it cannot send. */
export function channelSetups(config: DistributionConfig, secrets: DistributionSecrets): Record<ChannelName, ChannelSetup> {
  const setup = (name: ChannelName): ChannelSetup => {
    const { enabled, dryRun, events, delaySeconds, templates } = config[name];
    return { settings: { enabled, dryRun, events, delaySeconds, templates }, formatter: FORMATTERS[name], ...client(name, config, secrets) };
  };
  return { discord: setup('discord'), telegram: setup('telegram'), x: setup('x') };
}
