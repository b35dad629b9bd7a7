package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.voicegateway.it.support.HeadlessChromium;
import io.voicegateway.it.support.PageRecorder;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.testing.Tools;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness the WebRTC interop tests stand on, without a gateway: Chromium's fake microphone plays a speech file,
 * two RTCPeerConnections in one page carry it (Opus, DTLS-SRTP over loopback), and {@link PageRecorder} hands the
 * received track back to Java, where it must correlate with the file. When this fails, a failing WebRtcPhoneIT says
 * nothing about the gateway.
 */
class ChromiumAudioIT {
  private static final int COMPARE_RATE = 8000;
  private static final String LOOPBACK = """
      const done = arguments[arguments.length - 1];
      (async () => {
        const mic = await navigator.mediaDevices.getUserMedia({ audio: {
          echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
        const a = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
        const b = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
        a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
        b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
        b.ontrack = (e) => (window.loopback = new MediaStream([e.track]));
        a.addTrack(mic.getAudioTracks()[0], mic);
        await a.setLocalDescription(await a.createOffer());
        await b.setRemoteDescription(a.localDescription);
        await b.setLocalDescription(await b.createAnswer());
        // at the rate the dashboard phone asks for (webrtc-session.js), not Chromium's default 32 kbit/s
        const pt = /a=rtpmap:(\\d+) opus\\/48000/.exec(b.localDescription.sdp)[1];
        await a.setRemoteDescription({ type: 'answer', sdp: b.localDescription.sdp.replace(
          new RegExp('(a=fmtp:' + pt + ' [^\\r\\n]*)'), '$1;maxaveragebitrate=96000') });
        done(true);
      })().catch((e) => done(String(e)));
      """;

  @Test
  void theFakeMicrophoneCrossesAPeerConnectionAndComesBackToJava(@TempDir Path dir) throws Exception {
    Tools.require("chromium", "chromedriver");
    Path speech = SpeechFixture.speech(dir, 48000);
    HttpServer page = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    page.createContext("/", exchange -> {
      byte[] body = "<!doctype html><title>loopback</title>".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    page.start();
    try (HeadlessChromium browser = HeadlessChromium.start(800, 600, HeadlessChromium.fakeMicrophone(speech))) {
      browser.navigate("http://127.0.0.1:" + page.getAddress().getPort() + "/"); // a secure context: getUserMedia
      assertTrue(browser.scriptAsync(20, LOOPBACK).asBoolean(false), "loopback connected");
      PageRecorder.start(browser, "window.loopback", 10);
      short[] heard = PageRecorder.await(browser, 8, 30);

      short[] sent = AudioMatch.fromOnset(AudioMatch.read(speech, COMPARE_RATE), COMPARE_RATE, 20);
      short[] received = AudioMatch.fromOnset(AudioMatch.resample(heard, PageRecorder.RATE, COMPARE_RATE),
          COMPARE_RATE, 300);
      AudioMatch.Result match = AudioMatch.align(sent, received, COMPARE_RATE, 500, 600);
      System.out.println("chromium fake microphone through a loopback peer connection: " + match);
      assertTrue(match.windows().size() >= 6, "too little speech arrived: " + match);
      assertTrue(match.medianCorrelation() >= 0.85, match.toString()); // 0.89–0.95 measured on a busy machine
    } finally {
      page.stop(0);
    }
  }
}
