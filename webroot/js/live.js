// The WebSocket feed (/api/v1/ws): call events, trunk changes, new voicemail and a calls snapshot every second.
// Reconnects with back-off; the login cookie authenticates it.

export function connectLive({ onCalls, onEvent, onTrunk, onVoicemail, onStatus }) {
  let delay = 1000;
  const open = () => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}/api/v1/ws`);
    ws.onopen = () => {
      delay = 1000;
      onStatus('live');
    };
    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data);
      if (msg.type === 'calls') onCalls(msg.calls);
      else if (msg.type === 'event') onEvent(msg.event);
      else if (msg.type === 'trunk') onTrunk(msg.trunk);
      else if (msg.type === 'voicemail' && onVoicemail) onVoicemail(msg.voicemail);
    };
    ws.onclose = () => {
      onStatus('reconnecting');
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 15000);
    };
  };
  open();
}
