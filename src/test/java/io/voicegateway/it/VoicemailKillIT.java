package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.it.peers.Baresip;
import io.voicegateway.it.support.GatewayJvm;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.GatewayYaml;
import io.voicegateway.testing.ApiClient;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.testing.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway killed with SIGKILL while a caller speaks a message (the gateway runs as its own JVM, as a user runs
 * it): the WAV on disk is playable up to its last once-a-second flush, and the restarted gateway mends its header,
 * indexes it (caller unknown: the index entry is written only when a message ends) and serves it over REST, where
 * it still matches what the caller said.
 */
class VoicemailKillIT {
  private static final int COMPARE_RATE = 8000;
  private static final long FLUSHED_BYTES = 44 + 16_000L * 2 * 9; // nine seconds of 16 kHz PCM16

  @TempDir
  Path dir;

  private static long largestMessage(Path folder) {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.mapToLong(p -> p.toFile().length()).max().orElse(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aMessageCutBySigkillIsPlayableAndListedAfterTheRestart() throws Exception {
    Tools.require("baresip", "sox", "espeak-ng");
    Path greeting = dir.resolve("greeting.wav");
    Tools.run("sox", "-n", "-r", "16000", "-c", "1", "-b", "16", greeting.toString(), "synth", "1", "sine", "440",
        "gain", "-6");
    Path data = dir.resolve("data");
    GatewayYaml yaml = new GatewayYaml().dataDir(data).yaml(
        "providers: [{id: carrier, host: 127.0.0.1, port: 5999, codecs: [g711-ulaw], inbound_ips: [127.0.0.1]}]",
        "routes: [{direction: inbound, match: '+4930555', voicemail: sales}]",
        "voicemail:",
        "  boxes:",
        "    sales: {greeting: {file: " + greeting + "}, silence_timeout: 20s}");
    Path conf = yaml.write(dir.resolve("gw.yaml"));
    // the caller: quiet through the greeting and beep, the speech, then quiet until baresip gives up
    Path lead = dir.resolve("lead.wav");
    Tools.run("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", lead.toString(), "trim", "0", "2");
    Path source = dir.resolve("caller.wav");
    Tools.run("sox", lead.toString(), SpeechFixture.speech(dir, 8000).toString(), source.toString(), "pad", "0", "8");
    Path folder = data.resolve("voicemail/sales");

    GatewayJvm gw = GatewayJvm.start(conf, dir.resolve("gw1.log"));
    Baresip.CallRecording call;
    try {
      Baresip caller = new Baresip(dir.resolve("caller"), "PCMU", source, 8000);
      CompletableFuture<Baresip.CallRecording> calling = CompletableFuture.supplyAsync(() -> {
        try {
          return caller.call("sip:+4930555@" + yaml.sipTarget(), Duration.ofSeconds(24));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      });
      assertTrue(GatewayUnderTest.eventually(40, () -> largestMessage(folder) >= FLUSHED_BYTES),
          "nine seconds of the message reached the disk: " + largestMessage(folder));
      gw.kill(); // SIGKILL, mid-message: the caller is still connected
      call = calling.get(60, TimeUnit.SECONDS);
    } finally {
      gw.close();
    }

    Path left;
    try (Stream<Path> files = Files.list(folder)) {
      left = files.findFirst().orElseThrow();
    }
    String id = left.getFileName().toString().replace(".wav", "");
    // as the kill left it: a header that counts at least the nine flushed seconds, so players read them
    short[] asLeft = AudioMatch.read(left, 16_000);
    assertTrue(asLeft.length >= 16_000 * 9, "playable as left: " + asLeft.length + " samples");

    GatewayJvm restarted = GatewayJvm.start(conf, dir.resolve("gw2.log"));
    try {
      ApiClient api = yaml.api();
      JsonArray messages = api.get("/api/v1/voicemail/sales/messages").object().getJsonArray("messages");
      assertEquals(1, messages.size(), messages.encode());
      JsonObject message = messages.getJsonObject(0);
      assertEquals(id, message.getString("id"));
      assertNull(message.getString("caller"), "the caller was to be indexed at the end of the message");
      assertTrue(message.getLong("durationMs") >= 9000, message.encode());
      java.net.http.HttpResponse<byte[]> audio = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + yaml.httpPort()
              + "/api/v1/voicemail/sales/messages/" + id + "/audio")).header("Authorization", "Bearer " + GatewayYaml.API_TOKEN).build(),
          java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, audio.statusCode());
      Path served = dir.resolve("served.wav");
      Files.write(served, audio.body());
      AudioMatch.Result match = AudioMatch.align(
          DeviceCallsIT.fromOnset(AudioMatch.read(call.sent(), COMPARE_RATE), 20),
          DeviceCallsIT.fromOnset(AudioMatch.read(served, COMPARE_RATE), 300), COMPARE_RATE, 500, 600);
      System.out.println("message cut by SIGKILL, after the restart, against the caller's speech: " + match);
      assertTrue(match.windows().size() >= 6, "too little speech kept: " + match);
      assertTrue(match.medianCorrelation() >= 0.9, "the kept message: " + match);
    } finally {
      restarted.close();
    }
  }
}
