// A voice bot written the way Twilio-Media-Streams apps write theirs, for StreamIT: a `ws` WebSocket server that
// parses Twilio's messages, keeps the caller's audio, and answers each caller utterance with known audio followed
// by a mark. Usage: node twilio-consumer.js CONFIG.json; CONFIG = {port, replyFile (raw mu-law 8 kHz, optional),
// clearAfterMs (optional: send clear this long after the first reply started), outDir, closeAfterStart (optional:
// close the socket right after start; stopReadingAfterStart: stop reading the socket then, to test faults)}. Every received control message and every action is printed
// as one JSON line on stdout; the caller's audio goes to outDir/inbound-N.ulaw when the stream stops.
'use strict';
const fs = require('fs');
const path = require('path');
const { WebSocketServer } = require('ws');

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const reply = config.replyFile ? fs.readFileSync(config.replyFile) : null;
const log = (o) => process.stdout.write(JSON.stringify(o) + '\n');

function ulawToLinear(u) {
  u = ~u & 0xff;
  const sign = u & 0x80;
  const exponent = (u >> 4) & 0x07;
  const mantissa = u & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return sign ? -magnitude : magnitude;
}

let connections = 0;
const wss = new WebSocketServer({ host: '127.0.0.1', port: config.port });
wss.on('listening', () => log({ action: 'listening', port: wss.address().port }));
wss.on('connection', (ws, request) => {
  const n = ++connections;
  const inbound = [];
  let streamSid = null;
  let voiced = 0;
  let silent = 0;
  let replies = 0;
  let replying = false;

  // An utterance: at least 300 ms of speech, ended by 600 ms of quiet (20 ms frames).
  function listen(frame) {
    let energy = 0;
    for (const b of frame) {
      const s = ulawToLinear(b);
      energy += s * s;
    }
    const loud = Math.sqrt(energy / frame.length) > 500;
    if (loud) {
      voiced++;
      silent = 0;
    } else if (voiced > 0) {
      silent++;
    }
    if (voiced >= 15 && silent >= 30 && !replying) {
      voiced = 0;
      silent = 0;
      answer();
    }
  }

  function answer() {
    if (!reply) {
      return;
    }
    replying = true;
    const name = 'reply-' + (++replies);
    // Sent as fast as it comes, in 100 ms chunks, as bots stream TTS: the gateway queues and paces it.
    for (let at = 0; at < reply.length; at += 800) {
      send({ event: 'media', streamSid, media: { payload: reply.subarray(at, at + 800).toString('base64') } });
    }
    send({ event: 'mark', streamSid, mark: { name } });
    log({ action: 'replied', name, bytes: reply.length, at: Date.now() });
    if (config.clearAfterMs && replies === 1) {
      setTimeout(() => {
        send({ event: 'clear', streamSid });
        log({ action: 'cleared', at: Date.now() });
      }, config.clearAfterMs);
    }
  }

  function send(message) {
    ws.send(JSON.stringify(message));
  }

  log({ action: 'connected', connection: n, authorization: request.headers.authorization || null });
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString());
    if (message.event === 'media') {
      const payload = Buffer.from(message.media.payload, 'base64');
      if (message.media.track === 'inbound') {
        inbound.push(payload);
        listen(payload);
      }
      return;
    }
    if (message.event === 'start') {
      streamSid = message.start.streamSid;
    }
    if (message.event === 'mark') {
      replying = false;
    }
    log({ received: message, connection: n });
    if (message.event === 'start' && config.closeAfterStart) {
      ws.close(1011, 'bot crashed');
    }
    if (message.event === 'start' && config.stopReadingAfterStart) {
      ws._socket.pause();
      log({ action: 'stopped reading', connection: n });
    }
    if (message.event === 'stop') {
      fs.writeFileSync(path.join(config.outDir, 'inbound-' + n + '.ulaw'), Buffer.concat(inbound));
      log({ action: 'saved', connection: n, bytes: Buffer.concat(inbound).length });
    }
  });
  ws.on('close', () => log({ action: 'closed', connection: n }));
});
