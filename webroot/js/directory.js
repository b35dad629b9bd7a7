// Registered devices and trunk registrations: polled from the REST API, trunks also refreshed on every
// registration change the live feed reports.

import { api } from './api.js';
import { h, fill, time, shortUri } from './dom.js';

const POLL_MS = 10000;

export class DirectoryView {
  constructor(devicesEl, trunksEl, counters, notify) {
    this.devicesEl = devicesEl;
    this.trunksEl = trunksEl;
    this.counters = counters;
    this.notify = notify;
    this.devices = [];
    this.onDevices = () => {};
  }

  start() {
    this.refresh();
    setInterval(() => this.refresh(), POLL_MS);
  }

  refresh() {
    this.refreshDevices();
    this.refreshTrunks();
  }

  async refreshDevices() {
    try {
      this.devices = await api('GET', '/devices');
    } catch (e) {
      if (e.status !== 401) this.notify('Devices: ' + e.message, 'error');
      return;
    }
    this.onDevices(this.devices);
    const registered = this.devices.filter((d) => d.registered).length;
    this.counters.devices.textContent = `${registered}/${this.devices.length}`;
    fill(this.devicesEl, this.devices.length ? this.devices.map((d) => h('li', { className: d.registered ? 'up' : 'down' },
      h('span', { className: 'dot' }),
      h('b', {}, d.id), d.extension ? h('span', { className: 'ext' }, ' · ext ' + d.extension) : null,
      h('div', { className: 'sub' }, d.registered
        ? (d.contacts || []).map((c) => h('div', {}, `${shortUri(c.contact)} via ${c.source || '?'} · ${c.expiresIn}s left`))
        : 'not registered' + (d.lastSeen ? ' · last seen ' + time(d.lastSeen) : ''))))
      : h('li', { className: 'empty' }, 'No devices configured.'));
  }

  async refreshTrunks() {
    let providers;
    try {
      providers = await api('GET', '/providers');
    } catch (e) {
      if (e.status !== 401) this.notify('Trunks: ' + e.message, 'error');
      return;
    }
    const up = providers.filter((p) => p.state === 'REGISTERED').length;
    const registering = providers.filter((p) => p.register);
    this.counters.trunks.textContent = `${up}/${registering.length}`;
    fill(this.trunksEl, providers.length ? providers.map((p) => {
      const state = p.register ? p.state || 'UNKNOWN' : 'no registration';
      return h('li', { className: p.state === 'REGISTERED' ? 'up' : p.register ? 'down' : 'idle' },
        h('span', { className: 'dot' }),
        h('b', {}, p.id), h('span', { className: 'ext' }, ' · ' + (p.host || '')),
        h('div', { className: 'sub' }, state,
          p.publicAddress ? ' · seen as ' + p.publicAddress : '',
          p.lastError ? h('div', { className: 'error-text' }, p.lastError) : null));
    }) : h('li', { className: 'empty' }, 'No trunks configured.'));
  }
}
