// Finished calls from GET /api/v1/history, searchable by number and time, one page at a time.

import { api, query } from './api.js';
import { h, fill, duration, time, shortUri } from './dom.js';

const PAGE_SIZE = 15;

export class HistoryView {
  /** @param onLadder (callId, title) opens the SIP ladder of a finished call */
  constructor(form, table, pager, onLadder, notify) {
    this.form = form;
    this.body = table.tBodies[0];
    this.pager = pager;
    this.onLadder = onLadder;
    this.notify = notify;
    this.page = null; // the server's numbering, whatever its base: we only step from what it returned
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.load(null);
    });
  }

  filters() {
    const f = new FormData(this.form);
    const ms = (v) => (v ? new Date(v).getTime() : '');
    return { number: f.get('number').trim(), from: ms(f.get('from')), to: ms(f.get('to')) };
  }

  /** Reloads the current page after a short delay (the store writes off the event loop). */
  refreshSoon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.load(this.page), 700);
  }

  async load(page) {
    try {
      const result = await api('GET', '/history' + query({ ...this.filters(), page, size: PAGE_SIZE }));
      this.render(result);
    } catch (e) {
      if (e.status !== 401) this.notify('History: ' + e.message, 'error');
    }
  }

  render(result) {
    this.page = result.page;
    const items = result.items || [];
    fill(this.body, items.length ? items.map((c) => this.row(c))
      : h('tr', {}, h('td', { colSpan: 9, className: 'empty' }, 'No calls match.')));
    const pages = Math.max(1, Math.ceil(result.total / result.size));
    const first = items.length === 0 || result.total <= result.size || this.isFirst(result);
    fill(this.pager,
      h('button', { type: 'button', disabled: first, onclick: () => this.load(result.page - 1) }, '‹ Newer'),
      h('span', {}, `${result.total} call${result.total === 1 ? '' : 's'} · page ${this.pageNumber(result)} of ${pages}`),
      h('button', { type: 'button', disabled: this.pageNumber(result) >= pages, onclick: () => this.load(result.page + 1) }, 'Older ›'));
  }

  // The contract leaves the first page's number open (0 or 1): read it from the first response.
  isFirst(result) {
    if (this.base === undefined) this.base = result.page;
    return result.page <= this.base;
  }

  pageNumber(result) {
    if (this.base === undefined) this.base = result.page;
    return result.page - this.base + 1;
  }

  row(c) {
    const codecs = [...new Set((c.legs || []).map((l) => l.codec).filter(Boolean))].join(', ');
    const title = `${shortUri(c.from)} → ${shortUri(c.to)}`;
    return h('tr', { dataset: { callId: c.id } },
      h('td', { className: 'num' }, time(c.startedAt)),
      h('td', {}, c.direction || '–'),
      h('td', { className: 'from' }, shortUri(c.from)),
      h('td', { className: 'to' }, shortUri(c.to)),
      h('td', { className: 'num' }, c.answeredAt ? duration(c.durationMs) : 'not answered'),
      h('td', {}, c.cause || '–',
        c.ivrPath && c.ivrPath.length ? h('div', { className: 'ivr-path' }, 'IVR: ' + c.ivrPath.join(' › ')) : null),
      h('td', { className: 'codec' }, codecs || '–'),
      h('td', { className: 'peer' }, (c.legs || []).map((l) => shortUri(l.peer)).join(', ')),
      h('td', {}, h('button', { type: 'button', className: 'ladder', onclick: () => this.onLadder(c.id, title) }, 'SIP'),
        c.recording ? h('audio', { controls: true, preload: 'none', className: 'recording',
          title: `recording, ${duration(c.recordingMs)}`, src: `/api/v1/history/${encodeURIComponent(c.id)}/recording` }) : null));
  }
}
