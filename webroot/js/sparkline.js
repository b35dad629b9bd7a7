// Small live charts: a fixed ring of samples per metric, drawn on a canvas at the screen's pixel density.

export class Series {
  constructor(size = 60) {
    this.values = new Float64Array(size);
    this.count = 0;
    this.next = 0;
  }

  push(value) {
    this.values[this.next] = Number.isFinite(value) ? value : 0;
    this.next = (this.next + 1) % this.values.length;
    this.count = Math.min(this.count + 1, this.values.length);
  }

  /** Oldest first. */
  toArray() {
    const out = [];
    const size = this.values.length;
    for (let i = this.count; i > 0; i--) out.push(this.values[(this.next - i + size) % size]);
    return out;
  }

  last() {
    return this.count ? this.values[(this.next - 1 + this.values.length) % this.values.length] : 0;
  }
}

/** Creates the canvas of a sparkline (CSS size in px). */
export function sparklineCanvas(width = 96, height = 24) {
  const canvas = document.createElement('canvas');
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = width + 'px';
  canvas.style.height = height + 'px';
  canvas.className = 'spark';
  return canvas;
}

/**
 * Draws the series scaled to [0, max] (max grows with the data when `max` is a minimum), newest at the right.
 * @param {{max:number, color:string}} style
 */
export function drawSparkline(canvas, series, { max = 1, color = '#3b82f6' } = {}) {
  const ctx = canvas.getContext('2d');
  const w = canvas.width;
  const h = canvas.height;
  const values = series.toArray();
  ctx.clearRect(0, 0, w, h);
  if (values.length < 2) return;
  const top = Math.max(max, ...values);
  const step = w / (series.values.length - 1);
  const x0 = w - (values.length - 1) * step;
  const y = (v) => h - 1 - (v / top) * (h - 2);
  ctx.beginPath();
  ctx.moveTo(x0, h);
  values.forEach((v, i) => ctx.lineTo(x0 + i * step, y(v)));
  ctx.lineTo(w, h);
  ctx.closePath();
  ctx.globalAlpha = 0.18;
  ctx.fillStyle = color;
  ctx.fill();
  ctx.globalAlpha = 1;
  ctx.beginPath();
  values.forEach((v, i) => (i ? ctx.lineTo(x0 + i * step, y(v)) : ctx.moveTo(x0, y(v))));
  ctx.strokeStyle = color;
  ctx.lineWidth = Math.max(1, (window.devicePixelRatio || 1) * 1.2);
  ctx.stroke();
}
