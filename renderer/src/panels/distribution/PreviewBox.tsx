import { useState } from 'react';
import { messageKinds, type ChannelName, type DistributionChannelView, type DistributionPreview, type MessageKind } from '../../../../core/contract/contract';
import { useEngineClient } from '../../engine/engineContext';
import { channelTitles } from './channelTitles';

const kindTitles: Record<MessageKind, string> = {
  signal: 'Approved signal', fill: 'Fill', toxicity: 'Toxicity alert', dailySummary: 'Daily summary', morningAnalysis: 'Morning analysis', test: 'Test message',
};

/** Renders an event kind for a channel exactly as it would be sent (nothing is sent). */
export function PreviewBox({ channels }: { channels: readonly DistributionChannelView[] }) {
  const client = useEngineClient();
  const [channel, setChannel] = useState<ChannelName>(channels[0]?.name ?? 'discord');
  const [kind, setKind] = useState<MessageKind>('signal');
  const [preview, setPreview] = useState<DistributionPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = async () => {
    setError(null);
    try {
      setPreview(await client.call('previewDistribution', { channel, kind }));
    } catch (failure) {
      setPreview(null);
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <div className="distribution-preview">
      <div className="panel-toolbar">
        <select aria-label="Channel" data-testid="distribution-preview-channel" value={channel} onChange={(e) => setChannel(e.target.value as ChannelName)}>
          {channels.map((c) => (
            <option key={c.name} value={c.name}>
              {channelTitles[c.name]}
            </option>
          ))}
        </select>
        <select aria-label="Event" data-testid="distribution-preview-kind" value={kind} onChange={(e) => setKind(e.target.value as MessageKind)}>
          {messageKinds.map((k) => (
            <option key={k} value={k}>
              {kindTitles[k]}
            </option>
          ))}
        </select>
        <button type="button" className="btn" data-testid="distribution-preview-button" onClick={() => void show()}>
          Preview
        </button>
      </div>
      {error && (
        <p className="ticket-error" role="alert">
          {error}
        </p>
      )}
      {preview && (
        <div data-testid="distribution-preview">
          <p className="muted num" data-testid="distribution-preview-meta">
            {channelTitles[preview.channel]} · {kindTitles[preview.kind]} · {preview.length}/{preview.limit}
            {preview.truncated ? ' · cut to the limit' : ''} · {preview.source === 'latest' ? 'from the newest event' : 'from an example event'}
          </p>
          <pre className="distribution-text" data-testid="distribution-preview-text">
            {preview.text}
          </pre>
        </div>
      )}
    </div>
  );
}
