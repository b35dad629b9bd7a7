// The last call events, newest first: what just happened, at a glance.

import { h, time, shortUri } from './dom.js';

const KEEP = 40;

export class EventLog {
  constructor(list) {
    this.list = list;
  }

  add(ev) {
    const detail = ev.digit ? `digit ${ev.digit}` : ev.reason || `${shortUri(ev.from)} → ${shortUri(ev.to)}`;
    this.list.prepend(h('li', { className: 'ev ev-' + ev.type },
      h('span', { className: 'num' }, time(ev.timestamp)), ' ',
      h('b', {}, ev.type.replace(/^CALL_/, '').replace(/_/g, ' ').toLowerCase()), ' ',
      h('span', { className: 'sub' }, detail)));
    while (this.list.children.length > KEEP) this.list.lastElementChild.remove();
  }

  trunk(t) {
    this.list.prepend(h('li', { className: 'ev ev-trunk' },
      h('span', { className: 'num' }, time(t.timestamp)), ' ',
      h('b', {}, 'trunk ' + String(t.state).toLowerCase()), ' ',
      h('span', { className: 'sub' }, shortUri(t.aor) + (t.lastError ? ' · ' + t.lastError : ''))));
    while (this.list.children.length > KEEP) this.list.lastElementChild.remove();
  }
}
