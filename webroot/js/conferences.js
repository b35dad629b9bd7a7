// Conference rooms: each room with its participants (by call), mute/unmute and kick. Polls the REST API every two
// seconds while the page is visible; a room's members change rarely, so the live feed is not needed here.

import { api } from './api.js';
import { $, h, fill, shortUri } from './dom.js';

const root = $('#conferences');
/** What the panel shows now: a poll that brings the same rooms leaves the DOM (and a button under the mouse) alone. */
let shown = null;

async function act(method, path) {
  try {
    await api(method, path);
  } catch (e) {
    root.dataset.error = e.message;
  }
  refresh();
}

function participant(room, p) {
  const base = `/conferences/${encodeURIComponent(room.name)}/participants/${encodeURIComponent(p.id)}`;
  return h('li', { className: 'participant' + (p.muted ? ' muted' : ''), dataset: { callId: p.id } },
    h('span', { className: 'who', title: p.caller || '' }, p.device || shortUri(p.caller) || p.id),
    p.muted ? h('span', { className: 'badge hold' }, 'muted') : null,
    h('button', { type: 'button', className: 'mute', onclick: () => act('POST', `${base}/${p.muted ? 'unmute' : 'mute'}`) },
      p.muted ? 'Unmute' : 'Mute'),
    h('button', { type: 'button', className: 'danger kick', onclick: () => act('DELETE', base) }, 'Kick'));
}

function render(rooms) {
  const key = JSON.stringify(rooms);
  if (key === shown) return;
  shown = key;
  if (!rooms.length) {
    fill(root, h('p', { className: 'empty' }, 'No conference rooms.'));
    return;
  }
  fill(root, rooms.map((room) => h('div', { className: 'room', dataset: { room: room.name } },
    h('h3', {}, room.name, ' ', h('span', { className: 'meta' },
      `${room.participants.length}/${room.maxParticipants}` + (room.pinned ? ' · PIN' : '') + (room.configured ? '' : ' · ad hoc'))),
    h('ul', { className: 'participants' }, room.participants.map((p) => participant(room, p))))));
}

async function refresh() {
  try {
    render((await api('GET', '/conferences')).rooms || []);
  } catch (e) {
    if (e.status === 401) return;
    shown = null;
    fill(root, h('p', { className: 'empty' }, 'Conferences unavailable: ' + e.message));
  }
}

refresh();
setInterval(() => { if (!document.hidden) refresh(); }, 2000);
