// The Voicemail panel: every box with its new-message count; the chosen box's messages, newest first, each with
// a player (the audio URL is fetched with the login cookie the page already holds), mark heard and delete.
// Reloads when the live feed reports a new message (main.js dispatches 'vg-voicemail'), and polls while the page
// is visible in case the feed is down; a box with no configuration simply is not listed.

import { api } from './api.js';
import { h, fill, duration, time, shortUri } from './dom.js';

const POLL_MS = 10000;

class VoicemailPanel {
  constructor(root) {
    this.boxes = root.querySelector('#voicemail-boxes');
    this.list = root.querySelector('#voicemail-messages');
    this.root = root;
    this.box = null;
  }

  async refresh() {
    let result;
    try {
      result = await api('GET', '/voicemail');
    } catch (e) {
      if (e.status !== 401) fill(this.boxes, h('li', { className: 'empty' }, 'Voicemail: ' + e.message));
      return;
    }
    const boxes = result.boxes || [];
    this.root.hidden = boxes.length === 0;
    if (!boxes.length) return;
    if (!this.box || !boxes.some((b) => b.box === this.box)) this.box = boxes[0].box;
    fill(this.boxes, boxes.map((b) => h('li', {},
      h('button', {
        type: 'button',
        className: 'voicemail-box' + (b.box === this.box ? ' selected' : ''),
        dataset: { box: b.box },
        onclick: () => { this.box = b.box; this.refresh(); },
      }, b.box, ' ', h('b', { className: 'voicemail-new num', title: 'new messages' }, String(b.newMessages)),
      h('span', { className: 'quiet' }, ` / ${b.totalMessages}`)))));
    await this.loadMessages();
  }

  async loadMessages() {
    const box = this.box;
    let result;
    try {
      result = await api('GET', `/voicemail/${encodeURIComponent(box)}/messages`);
    } catch (e) {
      fill(this.list, h('li', { className: 'empty' }, e.message));
      return;
    }
    const messages = result.messages || [];
    // keep a player that is playing: rebuild only when the list changed
    const key = messages.map((m) => m.id + (m.heard ? 'h' : 'n')).join(',');
    if (key === this.shown && box === this.shownBox) return;
    this.shown = key;
    this.shownBox = box;
    fill(this.list, messages.length ? messages.map((m) => this.item(m))
      : h('li', { className: 'empty' }, 'No messages.'));
  }

  item(m) {
    const path = `/voicemail/${encodeURIComponent(m.box)}/messages/${encodeURIComponent(m.id)}`;
    return h('li', { className: 'voicemail-message' + (m.heard ? ' heard' : ' new'), dataset: { id: m.id } },
      h('div', { className: 'row' },
        h('span', { className: 'num' }, time(m.receivedAt)),
        h('span', { className: 'from' }, m.caller ? shortUri(m.caller) : 'unknown caller'),
        h('span', { className: 'num' }, duration(m.durationMs)),
        m.heard ? h('span', { className: 'quiet' }, 'heard') : h('b', {}, 'new')),
      h('audio', { controls: true, preload: 'none', style: 'width: 100%', src: '/api/v1' + path + '/audio' }),
      h('div', { className: 'row' },
        m.heard ? null : h('button', { type: 'button', className: 'voicemail-heard',
          onclick: () => this.act('POST', path + '/heard') }, 'Mark heard'),
        h('button', { type: 'button', className: 'voicemail-delete',
          onclick: () => confirm('Delete this message?') && this.act('DELETE', path) }, 'Delete')));
  }

  async act(method, path) {
    try {
      await api(method, path);
    } catch (e) {
      if (e.status !== 401) alert('Voicemail: ' + e.message);
    }
    this.shown = null;
    this.refresh();
  }
}

const root = document.getElementById('voicemail-panel');
if (root) {
  const panel = new VoicemailPanel(root);
  panel.refresh();
  setInterval(() => { if (!document.hidden) panel.refresh(); }, POLL_MS);
  document.addEventListener('vg-voicemail', () => panel.refresh());
}
