// The SIP ladder of a call (like sngrep): one column per address, one arrow per message in time order;
// selecting an arrow shows the whole message.

import { api } from './api.js';
import { h, fill } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const COLUMN = 230;
const ROW = 30;
const TOP = 36;

function svg(tag, attrs, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

/** "INVITE sip:x SIP/2.0" → "INVITE", "SIP/2.0 200 OK" → "200 OK"; plus the CSeq method for responses. */
export function label(entry) {
  const line = entry.firstLine || '';
  if (line.startsWith('SIP/2.0 ')) {
    const cseq = /^CSeq:\s*\d+\s+(\S+)/im.exec(entry.message || '');
    return line.slice(8) + (cseq ? ` (${cseq[1]})` : '');
  }
  return line.split(' ')[0];
}

export class LadderView {
  constructor(dialog, notify) {
    this.dialog = dialog;
    this.notify = notify;
    this.title = dialog.querySelector('.ladder-title');
    this.diagram = dialog.querySelector('.ladder-diagram');
    this.detail = dialog.querySelector('.ladder-message');
    dialog.querySelector('.close').addEventListener('click', () => dialog.close());
  }

  async open(callId, title) {
    this.title.textContent = 'SIP ladder · ' + title;
    fill(this.diagram, h('p', { className: 'empty' }, 'Loading…'));
    this.detail.textContent = '';
    if (!this.dialog.open) this.dialog.showModal();
    try {
      this.render(await api('GET', `/calls/${encodeURIComponent(callId)}/sip`));
    } catch (e) {
      fill(this.diagram, h('p', { className: 'empty' }, e.status === 404 ? 'No SIP messages recorded for this call.' : 'Could not load: ' + e.message));
    }
  }

  render(entries) {
    if (!entries.length) {
      fill(this.diagram, h('p', { className: 'empty' }, 'No SIP messages recorded for this call.'));
      return;
    }
    const hosts = [];
    for (const e of entries) for (const a of [e.from, e.to]) if (!hosts.includes(a)) hosts.push(a);
    // The gateway's own address: where received messages went and sent ones came from.
    const own = new Set(entries.map((e) => (e.direction === 'in' ? e.to : e.from)));
    const x = (host) => COLUMN / 2 + hosts.indexOf(host) * COLUMN;
    const width = hosts.length * COLUMN;
    const height = TOP + entries.length * ROW + 10;
    const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'ladder-svg' });
    hosts.forEach((host) => {
      root.append(svg('text', { x: x(host), y: 16, class: own.has(host) ? 'host own' : 'host' },
        own.has(host) ? `gateway ${host}` : host));
      root.append(svg('line', { x1: x(host), y1: 24, x2: x(host), y2: height, class: 'lifeline' }));
    });
    const t0 = entries[0].time;
    entries.forEach((e, i) => {
      const y = TOP + i * ROW + 14;
      const x1 = x(e.from);
      const x2 = x(e.to);
      const dir = Math.sign(x2 - x1) || 1;
      const kind = (e.firstLine || '').startsWith('SIP/2.0') ? 'response' : 'request';
      const g = svg('g', { class: `msg ${kind} ${e.direction}`, tabindex: 0 });
      g.append(svg('rect', { x: 0, y: y - 16, width, height: ROW, class: 'hit' }));
      g.append(svg('line', { x1, y1: y, x2: x2 - dir * 6, y2: y, class: 'arrow' }));
      g.append(svg('path', { d: `M${x2},${y} l${-dir * 8},-4 l0,8 z`, class: 'head' }));
      g.append(svg('text', { x: (x1 + x2) / 2, y: y - 4, class: 'label' }, label(e)));
      g.append(svg('text', { x: 4, y: y + 4, class: 'offset' }, `+${((e.time - t0) / 1000).toFixed(3)}s`));
      const show = () => {
        root.querySelectorAll('.selected').forEach((s) => s.classList.remove('selected'));
        g.classList.add('selected');
        this.detail.textContent = `${new Date(e.time).toISOString()}  ${e.direction === 'in' ? 'received' : 'sent'}  ${e.from} → ${e.to}\n\n${e.message}`;
      };
      g.addEventListener('click', show);
      g.addEventListener('keydown', (k) => (k.key === 'Enter' ? show() : null));
      root.append(g);
    });
    fill(this.diagram, root);
  }
}
