package io.voicegateway.it.peers;

import io.vertx.core.json.JsonObject;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Twilio-Media-Streams voice bot on Node's {@code ws} ({@code src/test/js/twilio-consumer.js}): it parses Twilio's
 * messages, keeps the caller's audio and answers each utterance with known audio and a mark. What it receives and
 * does comes back as JSON lines. Needs {@code node} and {@code src/test/js/node_modules/ws} ({@code .ci/run}
 * installs them; missing, the test is skipped, or fails under CI).
 */
public final class TwilioBot implements AutoCloseable {
  private static final Path SCRIPT = Path.of("src/test/js/twilio-consumer.js");

  private final Process process;
  private final int port;
  private final Path dir;
  private final BlockingQueue<JsonObject> lines = new LinkedBlockingQueue<>();
  private final List<JsonObject> seen = new CopyOnWriteArrayList<>();

  /** @param options the script's configuration beyond {@code port} and {@code outDir} */
  public TwilioBot(Path dir, JsonObject options) throws IOException, InterruptedException {
    Tools.require("node");
    Tools.requireFile(Path.of("src/test/js/node_modules/ws/package.json"));
    this.dir = Files.createDirectories(dir);
    this.port = FreePorts.udpAndTcp();
    Path config = dir.resolve("bot.json");
    Files.writeString(config, options.copy().put("port", port).put("outDir", dir.toString()).encode());
    process = new ProcessBuilder("node", SCRIPT.toAbsolutePath().toString(), config.toString())
        .redirectError(dir.resolve("bot.err").toFile()).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          JsonObject json = new JsonObject(line);
          seen.add(json);
          lines.add(json);
        }
      } catch (IOException | RuntimeException e) {
        // the process ended
      }
    }, "twilio-bot-reader");
    reader.setDaemon(true);
    reader.start();
    await(l -> "listening".equals(l.getString("action")), 20);
  }

  public String url() {
    return "ws://127.0.0.1:" + port + "/media";
  }

  /** The next line that matches, waiting up to {@code seconds}; earlier lines that do not match are passed over. */
  public JsonObject await(Predicate<JsonObject> match, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    for (long left = seconds * 1_000_000_000L; left > 0; left = deadline - System.nanoTime()) {
      JsonObject line = lines.poll(left, TimeUnit.NANOSECONDS);
      if (line != null && match.test(line)) {
        return line;
      }
    }
    throw new AssertionError("the bot did not report what was awaited; it said: " + seen + "; stderr: " + stderr());
  }

  /** The received Twilio message of {@code event} that comes next. */
  public JsonObject received(String event, long seconds) throws InterruptedException {
    return await(l -> l.containsKey("received") && event.equals(l.getJsonObject("received").getString("event")),
        seconds).getJsonObject("received");
  }

  /** Every line so far. */
  public List<JsonObject> seen() {
    return List.copyOf(seen);
  }

  /**
   * The caller's audio of connection {@code n}, μ-law at 8 kHz, once the bot has saved it (it writes the file after
   * reporting the {@code stop}: read before its "saved" line, the file can be missing or still empty).
   */
  public byte[] inbound(int n) throws IOException, InterruptedException {
    Predicate<JsonObject> saved = l -> "saved".equals(l.getString("action")) && l.getInteger("connection", -1) == n;
    if (seen.stream().noneMatch(saved)) {
      await(saved, 30);
    }
    return Files.readAllBytes(dir.resolve("inbound-" + n + ".ulaw"));
  }

  private String stderr() {
    try {
      return Files.readString(dir.resolve("bot.err"));
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
