// Active calls: one card per call, one row per leg, updated in place from the live feed so the charts keep
// their history and nothing flickers. Buttons call the REST API; the feed shows the outcome.

import { h, fill, duration, shortUri } from './dom.js';
import { api } from './api.js';
import { Series, sparklineCanvas, drawSparkline } from './sparkline.js';

/** The leg kinds of GET /api/v1/calls as the card's first column shows them (SIP when not listed). */
const KIND_LABELS = { app: 'app', webrtc: 'WebRTC' };

/** RMS level 0..1 → dBFS, floored at -60 (silence). */
export function dbfs(level) {
  return level > 0.001 ? Math.max(-60, 20 * Math.log10(level)) : -60;
}

const levelPercent = (level) => Math.round(((dbfs(level) + 60) / 60) * 100);

class LegRow {
  /** @param drop hangs this one party up (three-way calls go on with the others) */
  constructor(leg, drop) {
    this.level = new Series();
    this.loss = new Series();
    this.jitter = new Series();
    this.lastLost = null;
    this.levelChart = sparklineCanvas();
    this.levelChart.title = 'level over the last minute (dBFS, -60 to 0)';
    this.lossChart = sparklineCanvas(64);
    this.jitterChart = sparklineCanvas(64);
    this.meterFill = h('div', { className: 'meter-fill' });
    this.meter = h('div', { className: 'meter', title: 'level of the last 20 ms frame', dataset: { level: '0' } }, this.meterFill);
    this.cells = {
      kind: h('td', { className: 'kind' }),
      peer: h('td', { className: 'peer' }),
      codec: h('td', { className: 'codec' }),
      port: h('td', { className: 'num' }),
      levelText: h('span', { className: 'num level-text' }),
      lossText: h('span', { className: 'num' }),
      jitterText: h('span', { className: 'num' }),
      drop: h('td', {}, leg.kind === 'app' ? null
        : h('button', { type: 'button', className: 'drop-leg', title: 'hang up this party only', onclick: drop }, 'Drop')),
    };
    const c = this.cells;
    this.el = h('tr', { className: 'leg', dataset: { legId: leg.id } },
      c.kind, c.peer, c.codec, c.port,
      h('td', { className: 'chart' }, h('div', { className: 'level' }, this.meter, c.levelText), this.levelChart),
      h('td', { className: 'chart' }, c.lossText, this.lossChart),
      h('td', { className: 'chart' }, c.jitterText, this.jitterChart), c.drop);
  }

  update(leg, sampled) {
    const c = this.cells;
    const stats = leg.stats || {};
    this.el.classList.toggle('no-media', !leg.stats); // an app leg has no RTP of its own
    c.kind.textContent = KIND_LABELS[leg.kind] || 'SIP';
    c.kind.className = 'kind kind-' + (leg.kind || 'sip');
    fill(c.peer, shortUri(leg.peer), leg.onHold ? h('span', { className: 'badge hold' }, 'held') : null);
    c.peer.title = leg.sipCallId ? 'Call-ID ' + leg.sipCallId : '';
    c.codec.textContent = leg.codec || '–';
    c.port.textContent = leg.rtpPort || '–';
    const level = Number(stats.level) || 0;
    this.meter.dataset.level = level.toFixed(4);
    this.meterFill.style.width = levelPercent(level) + '%';
    this.meterFill.className = 'meter-fill' + (dbfs(level) > -3 ? ' clip' : dbfs(level) > -12 ? ' hot' : '');
    c.levelText.textContent = level > 0.001 ? dbfs(level).toFixed(0) + ' dB' : 'silent';
    const lost = Number(stats.packetsLost) || 0;
    c.lossText.textContent = `${lost} lost / ${stats.packetsReceived ?? 0}`;
    const jitter = Number(stats.jitterMs) || 0;
    c.jitterText.textContent = jitter.toFixed(1) + ' ms';
    if (sampled) {
      this.level.push(levelPercent(level) / 100); // in dB, like the meter: speech sits far below full scale
      this.loss.push(this.lastLost === null ? 0 : Math.max(0, lost - this.lastLost));
      this.jitter.push(jitter);
      this.lastLost = lost;
      drawSparkline(this.levelChart, this.level, { max: 1, color: '#16a34a' });
      drawSparkline(this.lossChart, this.loss, { max: 5, color: '#dc2626' });
      drawSparkline(this.jitterChart, this.jitter, { max: 20, color: '#d97706' });
    }
  }
}

class CallCard {
  constructor(call, actions) {
    this.id = call.id;
    this.legs = new Map();
    this.actions = actions;
    this.state = h('span', { className: 'state' });
    this.parties = h('span', { className: 'parties' });
    this.meta = h('span', { className: 'meta' });
    this.duration = h('span', { className: 'duration num' });
    this.holdButton = h('button', { type: 'button', onclick: () => this.toggleHold() });
    this.recording = false; // as far as this card knows: a 409 tells it otherwise
    this.recordButton = h('button', { type: 'button', className: 'record', onclick: () => this.toggleRecording() }, 'Record');
    this.transferTo = h('input', { type: 'text', placeholder: 'number, device or SIP URI', required: true, className: 'transfer-to' });
    this.transferForm = h('form', { className: 'transfer', hidden: true, onsubmit: (e) => this.transfer(e) },
      this.transferTo, h('button', { type: 'submit' }, 'Transfer'),
      h('button', { type: 'button', onclick: () => (this.transferForm.hidden = true) }, 'Cancel'));
    this.partyTarget = h('input', { type: 'text', placeholder: 'device or number', required: true, className: 'party-target' });
    this.partyForm = h('form', { className: 'add-party', hidden: true, onsubmit: (e) => this.addParty(e) },
      this.partyTarget, h('button', { type: 'submit' }, 'Add party'),
      h('button', { type: 'button', onclick: () => (this.partyForm.hidden = true) }, 'Cancel'));
    this.legBody = h('tbody');
    // the IVR's path (IVR_STEP events): menu main › key 1 › menu sales › ring bob
    this.ivrPath = h('p', { className: 'ivr-path', hidden: true, title: 'path through the IVR' });
    this.el = h('article', { className: 'call', dataset: { callId: call.id } },
      h('header', {},
        this.state, this.parties, this.meta, this.duration,
        h('span', { className: 'actions' },
          this.holdButton,
          this.recordButton,
          h('button', { type: 'button', onclick: () => { this.transferForm.hidden = false; this.transferTo.focus(); } }, 'Transfer…'),
          h('button', { type: 'button', className: 'add-party', onclick: () => { this.partyForm.hidden = false; this.partyTarget.focus(); } }, 'Add party…'),
          h('button', { type: 'button', className: 'ladder', onclick: () => actions.ladder(this.id, this.title()) }, 'SIP ladder'),
          h('button', { type: 'button', className: 'danger hangup', onclick: () => actions.hangup(this.id) }, 'Hang up'))),
      this.transferForm,
      this.ivrPath,
      this.partyForm,
      h('table', { className: 'legs' },
        h('thead', {}, h('tr', {}, ...['', 'peer', 'codec', 'RTP', 'level', 'loss', 'jitter', ''].map((t) => h('th', {}, t)))),
        this.legBody));
  }

  title() {
    return this.parties.textContent;
  }

  update(call, sampled) {
    this.call = call;
    this.state.textContent = call.state;
    this.state.className = 'state state-' + call.state;
    this.el.dataset.state = call.state;
    this.parties.textContent = `${shortUri(call.from)} → ${shortUri(call.to)}`;
    const x = Object.entries(call.xHeaders || {}).map(([k, v]) => `${k}: ${v}`).join(', ');
    this.meta.textContent = [call.direction, x].filter(Boolean).join(' · ');
    this.duration.textContent = call.connectedAt ? duration(call.durationMs) : 'ringing';
    this.holdButton.textContent = call.state === 'ON_HOLD' ? 'Resume' : 'Hold';
    this.holdButton.disabled = !['CONNECTED', 'ON_HOLD', 'RESUMED'].includes(call.state);
    const seen = new Set();
    for (const leg of call.legs || []) {
      seen.add(leg.id);
      let row = this.legs.get(leg.id);
      if (!row) {
        row = new LegRow(leg, () => this.actions.dropLeg(this.id, leg.id));
        this.legs.set(leg.id, row);
        this.legBody.append(row.el);
      }
      row.update(leg, sampled);
    }
    for (const [id, row] of this.legs) {
      if (!seen.has(id)) {
        row.el.remove();
        this.legs.delete(id);
      }
    }
  }

  /** One IVR step: appended to the path shown under the header. */
  ivrStep(step) {
    this.ivrPath.hidden = false;
    this.ivrPath.textContent = this.ivrPath.textContent ? `${this.ivrPath.textContent} › ${step}` : `IVR: ${step}`;
  }

  /** POST or DELETE /calls/{id}/recording; a 409 means the call already was in the state asked for. */
  async toggleRecording() {
    const on = !this.recording;
    this.recordButton.disabled = true;
    try {
      const result = await api(on ? 'POST' : 'DELETE', `/calls/${this.id}/recording`);
      this.recording = result.recording;
      this.recordButton.title = '';
    } catch (e) {
      if (e.status === 409) this.recording = on;
      this.recordButton.title = e.message;
    } finally {
      this.recordButton.disabled = false;
      this.recordButton.textContent = this.recording ? 'Stop recording' : 'Record';
      this.recordButton.classList.toggle('on', this.recording);
    }
  }

  toggleHold() {
    this.actions.hold(this.id, this.call && this.call.state !== 'ON_HOLD');
  }

  addParty(e) {
    e.preventDefault();
    this.actions.addParty(this.id, this.partyTarget.value.trim());
    this.partyForm.hidden = true;
  }

  transfer(e) {
    e.preventDefault();
    this.actions.transfer(this.id, this.transferTo.value.trim());
    this.transferForm.hidden = true;
  }
}

export class CallsView {
  /** @param actions {hangup(id), hold(id, on), transfer(id, to), ladder(id, title), addParty(id, target), dropLeg(id, legId)} */
  constructor(root, countEl, actions) {
    this.root = root;
    this.countEl = countEl;
    this.actions = actions;
    this.cards = new Map();
    this.empty = h('p', { className: 'empty' }, 'No active calls.');
    root.append(this.empty);
  }

  /** A full list of the active calls (snapshot or REST): the truth, cards not in it go. */
  update(calls, sampled = true) {
    const seen = new Set();
    for (const call of calls) {
      seen.add(call.id);
      this.card(call).update(call, sampled);
    }
    for (const [id, card] of this.cards) {
      if (!seen.has(id) && !card.fresh) this.remove(id);
    }
    this.refreshCount();
  }

  /** A call event: shows a new call at once and drops an ended one before the next snapshot. */
  event(ev) {
    if (ev.type === 'CALL_TERMINATED') {
      const card = this.cards.get(ev.callId);
      if (card) {
        card.el.classList.add('ended');
        setTimeout(() => this.remove(ev.callId), 800);
      }
    } else if (ev.type === 'IVR_STEP' && this.cards.has(ev.callId)) {
      this.cards.get(ev.callId).ivrStep(ev.reason || '');
    } else if (ev.type === 'CALL_STARTED' && !this.cards.has(ev.callId)) {
      const card = this.card({ id: ev.callId });
      card.fresh = true; // kept until a snapshot lists it, or for 3 s
      setTimeout(() => (card.fresh = false), 3000);
      card.update({ id: ev.callId, state: 'RINGING', direction: ev.direction, from: ev.from, to: ev.to,
        xHeaders: ev.headers, legs: [] }, false);
      this.refreshCount();
    }
  }

  card(call) {
    let card = this.cards.get(call.id);
    if (!card) {
      card = new CallCard(call, this.actions);
      this.cards.set(call.id, card);
      this.root.prepend(card.el);
    }
    card.fresh = false;
    return card;
  }

  remove(id) {
    const card = this.cards.get(id);
    if (card) {
      card.el.remove();
      this.cards.delete(id);
    }
    this.refreshCount();
  }

  refreshCount() {
    this.empty.hidden = this.cards.size > 0;
    this.countEl.textContent = String(this.cards.size);
  }
}
