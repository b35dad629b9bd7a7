// The WebSocket feed (/api/v1/ws): call events, trunk changes, new voicemail and a calls snapshot every second.
// Reconnects with back-off; the login cookie authenticates it. The dashboard phone talks over the same socket:
// request() sends a message with an id and settles with the gateway's reply carrying that id (an
// {type:"error"} reply rejects); messages nobody asked for and the feed does not know go to onMessage.

export class SocketError extends Error {
  constructor(reply) {
    super(reply.message || 'request failed');
    this.status = reply.status;
    this.op = reply.op;
  }
}

export function connectLive({ onCalls, onEvent, onTrunk, onVoicemail, onStatus, onMessage, onOpen }) {
  let delay = 1000;
  let ws = null;
  let nextId = 1;
  const pending = new Map(); // request id → { resolve, reject }
  const open = () => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    ws = new WebSocket(`${scheme}://${location.host}/api/v1/ws`);
    ws.onopen = () => {
      delay = 1000;
      onStatus('live');
      if (onOpen) onOpen();
    };
    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data);
      const waiting = msg.id === undefined || msg.id === null ? null : pending.get(String(msg.id));
      if (waiting) {
        pending.delete(String(msg.id));
        if (msg.type === 'error') waiting.reject(new SocketError(msg));
        else waiting.resolve(msg);
      } else if (msg.type === 'calls') onCalls(msg.calls);
      else if (msg.type === 'event') onEvent(msg.event);
      else if (msg.type === 'trunk') onTrunk(msg.trunk);
      else if (msg.type === 'voicemail' && onVoicemail) onVoicemail(msg.voicemail);
      else if (onMessage) onMessage(msg);
    };
    ws.onclose = () => {
      // the gateway forgets whatever this socket set up (phone login, sessions): nothing will answer these
      for (const waiting of pending.values()) waiting.reject(new SocketError({ status: 0, message: 'connection lost' }));
      pending.clear();
      onStatus('reconnecting');
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 15000);
    };
  };
  open();
  return {
    request(message) {
      return new Promise((resolve, reject) => {
        if (!ws || ws.readyState !== WebSocket.OPEN) {
          reject(new SocketError({ status: 0, message: 'not connected' }));
          return;
        }
        const id = 'r' + nextId++;
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ ...message, id }));
      });
    },
    send(message) {
      if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
    },
  };
}
