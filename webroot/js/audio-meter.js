// A level meter for a live audio track: a WebAudio analyser read ten times a second, shown as a bar on a dBFS
// scale (-60 … 0) and kept in data-level (RMS, 0 … 1) for tests and tooltips.

const FLOOR_DB = -60;

export class AudioMeter {
  /** @param fill the .meter-fill element; its parent .meter gets data-level */
  constructor(context, fill) {
    this.context = context;
    this.fill = fill;
    this.timer = null;
  }

  /** Measures the track until stop(); a new track replaces the old one. */
  watch(track) {
    this.stop();
    const source = this.context.createMediaStreamSource(new MediaStream([track]));
    const analyser = this.context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser); // not to the destination: the <audio> element plays the call
    const samples = new Float32Array(analyser.fftSize);
    this.source = source;
    this.timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      this.show(Math.sqrt(sum / samples.length));
    }, 100);
  }

  show(rms) {
    const db = rms > 0 ? 20 * Math.log10(rms) : FLOOR_DB;
    const pct = Math.max(0, Math.min(100, ((db - FLOOR_DB) / -FLOOR_DB) * 100));
    this.fill.style.width = pct.toFixed(0) + '%';
    this.fill.classList.toggle('hot', db > -12);
    this.fill.classList.toggle('clip', db > -1);
    this.fill.parentElement.dataset.level = rms.toFixed(4);
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.source) this.source.disconnect();
    this.source = null;
    this.show(0);
  }
}
