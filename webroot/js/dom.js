// Tiny DOM helpers: every text goes in through textContent, so nothing the network sends becomes markup.

/** h('td', {className: 'codec', dataset: {x: 1}, onclick: fn}, 'text', childNode, ...) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key in el) el[key] = value;
    else el.setAttribute(key, value);
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces an element's content. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

export const $ = (selector, root = document) => root.querySelector(selector);

const pad = (n) => String(n).padStart(2, '0');

/** 75_000 → "01:15", 3_723_000 → "1:02:03". */
export function duration(ms) {
  if (ms === null || ms === undefined || ms < 0) return '–';
  const s = Math.floor(ms / 1000);
  const hours = Math.floor(s / 3600);
  const mm = pad(Math.floor((s % 3600) / 60));
  return hours ? `${hours}:${mm}:${pad(s % 60)}` : `${mm}:${pad(s % 60)}`;
}

/** Epoch ms → local "HH:MM:SS", with the date when not today. */
export function time(ms) {
  if (!ms) return '–';
  const d = new Date(ms);
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const today = new Date();
  return d.toDateString() === today.toDateString() ? clock : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock}`;
}

/** "sip:alice@10.0.0.1:5060" → "alice@10.0.0.1:5060": the scheme is noise in a narrow column. */
export function shortUri(uri) {
  return uri ? String(uri).replace(/^sips?:/, '').replace(/^<|>$/g, '') : '–';
}
