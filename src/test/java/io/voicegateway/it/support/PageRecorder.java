package io.voicegateway.it.support;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Records a live audio stream inside a page (WebAudio, 48 kHz mono) and hands it back as PCM16, so interop tests can
 * correlate what a browser heard with what was sent ({@code testing.AudioMatch}). The stream is named by a JavaScript
 * expression, e.g. {@code vgPhone.remoteStream}: recording starts as soon as it yields one. Nothing is sent back
 * before the wanted length is recorded: the WebDriver answer carries it in one piece (base64, ~1.3 MB for 10 s).
 */
public final class PageRecorder {
  public static final int RATE = 48000;

  /** Installs {@code window.vgRecorder}; a ScriptProcessor taps the stream (its output is silence). */
  private static final String RECORDER = """
      window.vgRecorder = window.vgRecorder || {
        chunks: [], length: 0,
        start(stream) {
          // Chromium feeds a remote WebRTC track to WebAudio only while a media element plays it
          this.sink = new Audio();
          this.sink.muted = true;
          this.sink.srcObject = stream;
          this.sink.play().catch(() => {});
          const ctx = new AudioContext({ sampleRate: %d });
          const source = ctx.createMediaStreamSource(stream);
          const tap = ctx.createScriptProcessor(4096, 1, 1);
          tap.onaudioprocess = (e) => {
            const c = new Float32Array(e.inputBuffer.getChannelData(0));
            this.chunks.push(c);
            this.length += c.length;
          };
          source.connect(tap);
          tap.connect(ctx.destination);
          Object.assign(this, { ctx, source, tap });
          return ctx.resume();
        },
        take() {
          this.source.disconnect();
          this.tap.disconnect();
          this.ctx.close();
          const pcm = new Int16Array(this.length);
          let o = 0;
          for (const c of this.chunks) for (const x of c) pcm[o++] = Math.max(-32768, Math.min(32767, Math.round(x * 32767)));
          const bytes = new Uint8Array(pcm.buffer);
          let bin = '';
          for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
          return btoa(bin);
        },
      };
      """.formatted(RATE);

  private PageRecorder() {}

  /** Starts recording what {@code streamExpression} yields, waiting up to {@code seconds} for it to yield a stream. */
  public static void start(HeadlessChromium browser, String streamExpression, int seconds) throws Exception {
    var started = browser.scriptAsync(seconds + 5, RECORDER + """
        const done = arguments[arguments.length - 1];
        const deadline = Date.now() + %d;
        const poll = setInterval(() => {
          let stream = null;
          try { stream = (%s); } catch (e) { /* not there yet */ }
          if (stream) {
            clearInterval(poll);
            window.vgRecorder.start(stream).then(() => done(true), (e) => done(String(e)));
          } else if (Date.now() > deadline) {
            clearInterval(poll);
            done('no stream from %s');
          }
        }, 50);
        """.formatted(seconds * 1000L, streamExpression, streamExpression.replace("'", "\\'")));
    if (!started.asBoolean(false)) {
      throw new AssertionError("the page recorder did not start: " + started.asText());
    }
  }

  /** Waits until {@code seconds} of audio are recorded (at most {@code timeoutSeconds}), stops, returns them. */
  public static short[] await(HeadlessChromium browser, double seconds, int timeoutSeconds) throws Exception {
    String base64 = browser.scriptAsync(timeoutSeconds, """
        const done = arguments[arguments.length - 1];
        const want = arguments[0];
        const poll = setInterval(() => {
          if (window.vgRecorder.length >= want) {
            clearInterval(poll);
            done(window.vgRecorder.take());
          }
        }, 50);
        """, (long) (seconds * RATE)).asText();
    ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
    short[] pcm = new short[bytes.remaining() / 2];
    bytes.asShortBuffer().get(pcm);
    return pcm;
  }
}
