// The SIP guards at a glance (from /health's "limits"): messages dropped before parsing, addresses banned now,
// INVITEs refused for overload. Polled every 5 s; a /health that does not answer leaves the dashes.

const POLL_MS = 5000;

function show(id, value, title) {
  const el = document.getElementById(id);
  if (el) {
    el.textContent = value;
    if (title) el.parentElement.title = title;
  }
}

async function poll() {
  try {
    const res = await fetch('/health', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const limits = res.ok ? (await res.json()).limits : null;
    if (limits) {
      const dropped = Object.values(limits.limited).reduce((a, b) => a + b, 0);
      show('count-sip-dropped', dropped.toLocaleString(), Object.entries(limits.limited)
        .map(([reason, n]) => `${reason}: ${n}`).join(', ') + `; 503 for overload: ${limits.overloadRejected}`);
      show('count-sip-banned', limits.bannedNow);
    }
  } catch {
    // the next poll tries again
  }
}

poll();
setInterval(poll, POLL_MS);
