// The dashboard phone: log in as a device, dial or answer, talk through the browser. Setup is the three steps of
// docs/webrtc.md (REST pending call, offer/answer and link over the socket); hang-up, hold and DTMF are the call's
// ordinary REST actions; the call's progress comes from the live feed's call events.

import { api } from './api.js';
import { $, h, fill, duration } from './dom.js';
import { AudioMeter } from './audio-meter.js';
import { WebRtcSession } from './webrtc-session.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
const STATE_TEXT = {
  idle: 'idle', calling: 'calling…', ringing: 'ringing…', answering: 'answering…',
  connected: 'connected', held: 'on hold',
};

export class PhoneView {
  /**
   * @param root   the #phone section of index.html
   * @param socket {request, send} of live.js: the phone lives and dies with this socket
   */
  constructor(root, socket, notify) {
    this.root = root;
    this.socket = socket;
    this.notify = notify;
    this.device = null;
    this.password = null;
    this.call = null; // { id, session, number, state, since }
    this.ringing = new Map(); // callId → {from, to}: calls offered to this phone, newest last
    this.muted = false;
    // getUserMedia's processing is right for a headset; tests feeding a file turn it off to compare audio
    this.constraints = { audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } };
    this.mungeOffer = null; // tests rewrite the SDP sent (a wrong fingerprint)
    this.remoteStream = null;
    this.audio = $('.phone-audio', root);
    this.number = $('.phone-number', root);
    this.build();
    setInterval(() => this.tick(), 1000);
  }

  build() {
    const pad = $('.dialpad', this.root);
    fill(pad, KEYS.map((k) => h('button', { type: 'button', className: 'key', dataset: { key: k },
      onclick: () => this.key(k) }, k)));
    $('.phone-login', this.root).addEventListener('submit', (e) => {
      e.preventDefault();
      const form = e.target;
      this.login(form.elements.device.value.trim(), form.elements.password.value);
    });
    $('.phone-dial', this.root).addEventListener('submit', (e) => {
      e.preventDefault();
      if (!this.call) this.dial(this.number.value.trim());
    });
    $('.phone-hangup', this.root).addEventListener('click', () => this.hangup());
    $('.phone-mute', this.root).addEventListener('click', () => this.toggleMute());
    $('.phone-hold', this.root).addEventListener('click', () => this.toggleHold());
    this.render();
  }

  // ---- login ---------------------------------------------------------------------------------------------------

  async login(device, password) {
    if (!device) return;
    try {
      const reply = await this.socket.request({ type: 'phone.register', device, password });
      this.device = reply.device || device;
      this.password = password;
      this.notify(`Phone logged in as ${this.device}`);
    } catch (e) {
      this.device = null;
      this.notify(`Phone login failed: ${e.message}`, 'error');
    }
    this.render();
  }

  /** A new socket is a new owner: the gateway ended what the old one had; log in again as before. */
  reconnected() {
    if (this.call) this.ended('connection to the gateway lost');
    this.ringing.clear();
    if (this.device) this.login(this.device, this.password);
    else this.render();
  }

  // ---- placing and taking calls --------------------------------------------------------------------------------

  async dial(number) {
    if (!number) return;
    const session = this.newSession();
    this.call = { id: null, session, number, state: 'calling', since: null };
    this.render();
    try {
      await session.capture(this.constraints);
      this.meters();
      const created = await api('POST', '/calls', { from: 'browser', to: number }); // step 1: a pending call
      this.call.id = created.id;
      if (session.closed) return this.dropPending(created.id);
      await session.offer(this.mungeOffer); // step 2
      if (session.closed) return this.dropPending(created.id);
      await session.link(created.id); // step 3: the gateway routes the call now
    } catch (e) {
      if (this.call && this.call.session === session) {
        this.notify(`Call to ${number} failed: ${e.message}`, 'error');
        this.ended(e.message);
      }
    }
  }

  async answer(callId) {
    const offered = this.ringing.get(callId);
    if (!offered || this.call) return;
    this.ringing.delete(callId);
    const session = this.newSession();
    this.call = { id: callId, session, number: offered.from, state: 'answering', since: null };
    this.render();
    try {
      await session.capture(this.constraints);
      this.meters();
      await session.offer(this.mungeOffer);
      await session.link(callId); // the answer of this branch: the other phones stop ringing
      if (this.call && this.call.id === callId && this.call.state === 'answering') this.state('connected');
    } catch (e) {
      if (this.call && this.call.session === session) {
        this.notify(`Answering failed: ${e.message}`, 'error');
        this.ended(e.message);
      }
    }
  }

  decline(callId) {
    this.ringing.delete(callId);
    this.socket.request({ type: 'phone.decline', callId })
      .catch((e) => this.notify(`Decline failed: ${e.message}`, 'error'));
    this.render();
  }

  hangup() {
    if (!this.call) return;
    const { id, session } = this.call;
    if (id && session.linked) {
      api('DELETE', `/calls/${id}`).catch(() => {}); // already gone is as good
    } else if (id) {
      this.dropPending(id);
    }
    this.ended(null);
  }

  dropPending(id) {
    api('DELETE', `/calls/${id}`).catch(() => {}); // unlinked, it would expire on its own within 60 s
  }

  toggleMute() {
    if (!this.call) return;
    this.muted = !this.muted;
    this.call.session.muted = this.muted;
    this.render();
  }

  async toggleHold() {
    if (!this.call || !this.call.id) return;
    const on = this.call.state !== 'held';
    try {
      await api('POST', `/calls/${this.call.id}/${on ? 'hold' : 'resume'}`);
    } catch (e) {
      this.notify(`${on ? 'Hold' : 'Resume'} failed: ${e.message}`, 'error');
    }
  }

  /** A key: a digit of the number while idle, a DTMF digit (RFC 4733, through REST) during a call. */
  key(k) {
    if (this.call && this.call.id && ['connected', 'held'].includes(this.call.state)) {
      api('POST', `/calls/${this.call.id}/dtmf`, { digits: k })
        .catch((e) => this.notify(`DTMF failed: ${e.message}`, 'error'));
      $('.phone-dtmf', this.root).textContent += k;
    } else if (!this.call) {
      this.number.value += k;
    }
  }

  // ---- what the gateway says -----------------------------------------------------------------------------------

  /** A call event of the live feed. */
  event(ev) {
    if (!this.call || ev.callId !== this.call.id) return;
    switch (ev.type) {
      case 'CALL_RINGING': if (this.call.state === 'calling') this.state('ringing'); break;
      case 'CALL_CONNECTED': case 'CALL_RESUMED': this.state('connected'); break;
      case 'CALL_ON_HOLD': this.state('held'); break;
      case 'CALL_TERMINATED': this.ended(ev.reason || 'call ended'); break;
      default: break;
    }
  }

  /** phone.* messages of the socket, and errors nobody waited for. */
  message(msg) {
    if (msg.type === 'phone.incoming') {
      this.ringing.set(msg.callId, { from: msg.from, to: msg.to });
      this.render();
    } else if (msg.type === 'phone.cancelled') {
      this.ringing.delete(msg.callId);
      this.render();
    } else if (msg.type === 'phone.ended') {
      // callId is null for a session the gateway ended before it was linked: ours, while we have not linked yet
      const ours = this.call && (this.call.id === msg.callId || (msg.callId == null && !this.call.session.linked));
      if (ours) {
        this.notify(`Call ended: ${msg.reason || 'by the gateway'}`, 'error');
        this.ended(msg.reason);
      }
    }
  }

  // ---- internals -----------------------------------------------------------------------------------------------

  newSession() {
    this.context = this.context || new AudioContext();
    this.context.resume();
    this.muted = false;
    $('.phone-dtmf', this.root).textContent = '';
    const session = new WebRtcSession(this.socket, {
      onRemote: (stream) => {
        if (!this.call || this.call.session !== session) return;
        this.remoteStream = stream;
        this.audio.srcObject = stream;
        this.audio.play().catch(() => {}); // autoplay refused: the click that placed the call normally allows it
        this.remoteMeter.watch(stream.getAudioTracks()[0]);
      },
      onFailed: (why) => {
        if (this.call && this.call.session === session) this.lastReason = why;
      },
    });
    return session;
  }

  meters() {
    this.localMeter = this.localMeter || new AudioMeter(this.context, $('.phone-mic .meter-fill', this.root));
    this.remoteMeter = this.remoteMeter || new AudioMeter(this.context, $('.phone-speaker .meter-fill', this.root));
    if (this.call && this.call.session.localTrack) this.localMeter.watch(this.call.session.localTrack);
  }

  state(s) {
    if (!this.call) return;
    if (s === 'connected' && !this.call.since) this.call.since = Date.now();
    this.call.state = s;
    this.render();
  }

  ended(reason) {
    const call = this.call;
    this.call = null;
    if (call) call.session.close();
    if (this.localMeter) this.localMeter.stop();
    if (this.remoteMeter) this.remoteMeter.stop();
    this.audio.srcObject = null;
    this.remoteStream = null;
    this.lastReason = reason || null;
    this.render();
  }

  tick() {
    if (this.call && this.call.since) $('.phone-timer', this.root).textContent = duration(Date.now() - this.call.since);
  }

  render() {
    const call = this.call;
    const state = call ? call.state : 'idle';
    this.root.dataset.state = state;
    $('.phone-login', this.root).hidden = !!this.device;
    $('.phone-as', this.root).hidden = !this.device;
    $('.phone-device', this.root).textContent = this.device || '';
    const status = call ? `${STATE_TEXT[state]} ${call.number || ''}` : (this.lastReason ? `idle · ${this.lastReason}` : 'idle');
    $('.phone-status', this.root).textContent = status;
    $('.phone-timer', this.root).textContent = call && call.since ? duration(Date.now() - call.since) : '';
    $('.phone-call', this.root).disabled = !!call;
    this.number.disabled = !!call;
    $('.phone-hangup', this.root).disabled = !call;
    const mute = $('.phone-mute', this.root);
    mute.disabled = !call;
    mute.setAttribute('aria-pressed', String(!!call && this.muted));
    mute.textContent = call && this.muted ? 'Unmute' : 'Mute';
    const hold = $('.phone-hold', this.root);
    hold.disabled = !call || !['connected', 'held'].includes(state);
    hold.textContent = state === 'held' ? 'Resume' : 'Hold';
    const incoming = $('.phone-incoming', this.root);
    fill(incoming, [...this.ringing].reverse().map(([callId, o]) => h('div', { className: 'offer', dataset: { callId } },
      h('span', {}, 'Incoming call from ', h('b', {}, o.from || 'unknown')),
      h('button', { type: 'button', className: 'primary answer', disabled: !!call, onclick: () => this.answer(callId) }, 'Answer'),
      h('button', { type: 'button', className: 'danger decline', onclick: () => this.decline(callId) }, 'Decline'))));
    incoming.hidden = this.ringing.size === 0;
  }
}
