// Wires the dashboard: REST for the first picture and for actions, the WebSocket for everything live.

import { api } from './api.js';
import { $, h, fill } from './dom.js';
import { CallsView } from './calls.js';
import { HistoryView } from './history.js';
import { LadderView } from './ladder.js';
import { DirectoryView } from './directory.js';
import { EventLog } from './events.js';
import { connectLive } from './live.js';
import { PhoneView } from './phone.js';

function notify(message, kind = 'info') {
  const toast = h('div', { className: 'toast ' + kind, role: 'status' }, message);
  $('#toasts').append(toast);
  setTimeout(() => toast.remove(), kind === 'error' ? 8000 : 4000);
}

/** Runs an API action and reports its failure in a toast (the feed reports success). */
async function act(label, method, path, body) {
  try {
    await api(method, path, body);
    notify(label);
  } catch (e) {
    if (e.status !== 401) notify(`${label} failed: ${e.message}`, 'error');
  }
}

const ladder = new LadderView($('#ladder'), notify);
const calls = new CallsView($('#calls'), $('#count-calls'), {
  hangup: (id) => act('Hang-up sent', 'DELETE', `/calls/${id}`),
  hold: (id, on) => act(on ? 'Hold sent' : 'Resume sent', 'POST', `/calls/${id}/${on ? 'hold' : 'resume'}`),
  transfer: (id, to) => act(`Transfer to ${to} sent`, 'POST', `/calls/${id}/transfer`, { to }),
  ladder: (id, title) => ladder.open(id, title),
  addParty: (id, target) => act(`${target} joined the call`, 'POST', `/calls/${id}/legs`, { target }),
  dropLeg: (id, legId) => act('Party dropped', 'DELETE', `/calls/${id}/legs/${legId}`),
});
const history = new HistoryView($('#history-search'), $('#history-table'), $('#history-pager'),
  (id, title) => ladder.open(id, title), notify);
const directory = new DirectoryView($('#devices'), $('#trunks'),
  { devices: $('#count-devices'), trunks: $('#count-trunks') }, notify);
const events = new EventLog($('#events'));

// Originate: from the echo app or a device, to a number, device or SIP URI.
const originate = $('#originate');
directory.onDevices = (devices) => {
  const select = originate.elements.from;
  const chosen = select.value;
  fill(select, h('option', { value: 'app:echo' }, 'app: echo'),
    devices.map((d) => h('option', { value: d.id }, `device: ${d.id}${d.extension ? ' (' + d.extension + ')' : ''}`)));
  select.value = [...select.options].some((o) => o.value === chosen) ? chosen : 'app:echo';
};
originate.addEventListener('submit', (e) => {
  e.preventDefault();
  const from = originate.elements.from.value;
  const to = originate.elements.to.value.trim();
  act(`Calling ${to}`, 'POST', '/calls', { from, to });
});

function setStatus(state) {
  const el = $('#live');
  el.textContent = state;
  el.className = 'live ' + state;
}

setInterval(() => ($('#clock').textContent = new Date().toLocaleTimeString()), 1000);

api('GET', '/calls').then((list) => calls.update(list, false)).catch(() => {});
directory.start();
history.load(null);
let phone = null; // made once the socket it speaks over exists
const live = connectLive({
  onCalls: (list) => calls.update(list),
  onEvent: (ev) => {
    calls.event(ev);
    if (phone) phone.event(ev);
    events.add(ev);
    if (ev.type === 'CALL_TERMINATED') history.refreshSoon();
  },
  onTrunk: (t) => {
    events.trunk(t);
    directory.refreshTrunks();
  },
  onVoicemail: (v) => {
    events.add({ type: 'VOICEMAIL_RECEIVED', timestamp: v.timestampMs, reason: `box ${v.box}` });
    // the Voicemail panel (voicemail.js) reloads on this instead of waiting for its poll
    document.dispatchEvent(new CustomEvent('vg-voicemail', { detail: v }));
  },
  onStatus: setStatus,
  onMessage: (msg) => phone && phone.message(msg),
  onOpen: () => phone && phone.reconnected(),
});
// The phone speaks over the feed's socket: what it sets up on the gateway ends when that socket closes.
phone = new PhoneView($('#phone'), live, notify);
window.vgPhone = phone; // for the console, and the interop tests that drive it
