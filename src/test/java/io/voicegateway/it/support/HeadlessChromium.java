package io.voicegateway.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.Tools;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Headless Chromium driven through chromedriver with the W3C WebDriver HTTP protocol (java.net.http and
 * Jackson: a handful of endpoints do not justify Selenium's dependency tree). Missing chromium or
 * chromedriver: the test is skipped, or fails under {@code CI=true}.
 */
public final class HeadlessChromium implements AutoCloseable {
  /** The W3C key of an element reference in JSON. */
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Process driver;
  private final Path profile;
  private final String base;
  private final String session;
  private boolean frozen;

  private HeadlessChromium(Process driver, Path profile, String base, String session) {
    this.driver = driver;
    this.profile = profile;
    this.base = base;
    this.session = session;
  }

  /** Starts chromedriver on a free loopback port and opens a browser session of the given window size. */
  public static HeadlessChromium start(int width, int height) throws Exception {
    return start(width, height, List.of());
  }

  /**
   * The arguments that make {@code getUserMedia} grant a microphone without asking and play {@code wav} into it
   * once ({@code %noloop}: then silence, so what comes back cannot be mistaken for a later loop), and let pages
   * play audio without a click.
   */
  public static List<String> fakeMicrophone(Path wav) {
    return List.of("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        "--use-file-for-fake-audio-capture=" + wav.toAbsolutePath() + "%noloop",
        "--autoplay-policy=no-user-gesture-required");
  }

  /** As {@link #start(int, int)}, with more command-line arguments for Chromium (e.g. {@link #fakeMicrophone}). */
  public static HeadlessChromium start(int width, int height, List<String> extraArgs) throws Exception {
    Path chromium = Tools.require("chromium");
    Path chromedriver = Tools.require("chromedriver");
    int port = FreePorts.udpAndTcp();
    Path profile = Files.createTempDirectory("chromium-profile");
    Path log = Files.createTempFile("chromedriver", ".log");
    Process driver = new ProcessBuilder(chromedriver.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    String base = "http://127.0.0.1:" + port;
    HttpClient probe = HttpClient.newHttpClient();
    boolean up;
    try {
      up = Awaitility.await().pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
          .atMost(Duration.ofSeconds(60)).until(() -> !driver.isAlive() || statusOk(probe, base), ok -> ok)
          && driver.isAlive();
    } catch (ConditionTimeoutException e) {
      up = false;
    }
    if (!up) {
      driver.destroyForcibly();
      throw new IllegalStateException("chromedriver did not start: " + Files.readString(log));
    }
    ObjectNode options = JSON.createObjectNode().put("binary", chromium.toString());
    ArrayNode args = options.putArray("args");
    for (String arg : List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--window-size=" + width + "," + height, "--user-data-dir=" + profile)) {
      args.add(arg);
    }
    extraArgs.forEach(args::add);
    ObjectNode always = JSON.createObjectNode().put("browserName", "chrome");
    always.set("goog:chromeOptions", options);
    always.putObject("goog:loggingPrefs").put("browser", "ALL");
    ObjectNode body = JSON.createObjectNode();
    body.putObject("capabilities").set("alwaysMatch", always);
    JsonNode created = call(probe, "POST", base + "/session", body);
    return new HeadlessChromium(driver, profile, base, created.get("sessionId").asText());
  }

  public void navigate(String url) throws Exception {
    command("POST", "/url", JSON.createObjectNode().put("url", url));
  }

  public String currentUrl() throws Exception {
    return command("GET", "/url", null).asText();
  }

  /** The first element matching a CSS selector, or null. */
  public String find(String css) throws Exception {
    JsonNode found = command("POST", "/elements", JSON.createObjectNode().put("using", "css selector").put("value", css));
    return found.isEmpty() ? null : found.get(0).get(ELEMENT).asText();
  }

  /** Waits until an element matches the selector. */
  public String await(String css, int seconds) throws Exception {
    return eventually(seconds, "element " + css, () -> {
      try {
        return find(css);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  public void click(String element) throws Exception {
    command("POST", "/element/" + element + "/click", JSON.createObjectNode());
  }

  public void type(String element, String text) throws Exception {
    command("POST", "/element/" + element + "/value", JSON.createObjectNode().put("text", text));
  }

  public String text(String element) throws Exception {
    return command("GET", "/element/" + element + "/text", null).asText();
  }

  /** Runs a script in the page ({@code return …} for a value); arguments are JSON values. */
  public JsonNode script(String script, Object... arguments) throws Exception {
    ObjectNode body = JSON.createObjectNode().put("script", script);
    ArrayNode args = body.putArray("args");
    for (Object a : arguments) {
      args.add(JSON.valueToTree(a));
    }
    return command("POST", "/execute/sync", body);
  }

  /**
   * Runs an asynchronous script: it gets a callback as its last argument ({@code arguments[arguments.length - 1]})
   * and the call returns what it is called with, or fails after {@code seconds}.
   */
  public JsonNode scriptAsync(int seconds, String script, Object... arguments) throws Exception {
    command("POST", "/timeouts", JSON.createObjectNode().put("script", seconds * 1000L));
    ObjectNode body = JSON.createObjectNode().put("script", script);
    ArrayNode args = body.putArray("args");
    for (Object a : arguments) {
      args.add(JSON.valueToTree(a));
    }
    return command("POST", "/execute/async", body);
  }

  /**
   * Freezes the browser (SIGSTOP to every process chromedriver started): its sockets stay open but nothing
   * is sent any more, as when a laptop lid closes or its network goes. {@link #close} kills it then.
   */
  public void freeze() throws Exception {
    List<String> command = new ArrayList<>(List.of("kill", "-STOP"));
    driver.descendants().forEach(p -> command.add(Long.toString(p.pid())));
    if (command.size() == 2) {
      throw new IllegalStateException("chromedriver has no browser process to freeze");
    }
    frozen = true;
    Tools.run(command.toArray(String[]::new));
  }

  /** A PNG of the viewport. */
  public byte[] screenshot() throws Exception {
    return Base64.getDecoder().decode(command("GET", "/screenshot", null).asText());
  }

  /** The browser console entries since the last call (chromedriver's log endpoint drains them). */
  public List<JsonNode> consoleLog() throws Exception {
    JsonNode entries = command("POST", "/se/log", JSON.createObjectNode().put("type", "browser"));
    List<JsonNode> out = new ArrayList<>();
    entries.forEach(out::add);
    return out;
  }

  /** Awaits a non-null value of {@code probe} (checked on the calling thread), else fails with {@code what}. */
  public static <T> T eventually(int seconds, String what, Supplier<T> probe) {
    try {
      return Awaitility.await().pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
          .atMost(Duration.ofSeconds(seconds)).until(probe::get, value -> value != null);
    } catch (ConditionTimeoutException e) {
      T value = probe.get();
      if (value == null) {
        throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
      }
      return value;
    }
  }

  /** chromedriver answers /status with 200 once it takes sessions; before that the connection is refused. */
  private static boolean statusOk(HttpClient probe, String base) throws InterruptedException {
    try {
      return probe.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  private JsonNode command(String method, String path, JsonNode body) throws Exception {
    return call(http, method, base + "/session/" + session + path, body);
  }

  private static JsonNode call(HttpClient http, String method, String url, JsonNode body) throws Exception {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json; charset=utf-8");
    req.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = JSON.readTree(res.body());
    if (res.statusCode() != 200) {
      throw new IllegalStateException("WebDriver " + method + " " + url + " → " + res.statusCode() + ": " + res.body());
    }
    return json.get("value");
  }

  @Override
  public void close() throws Exception {
    try {
      if (frozen) {
        driver.descendants().forEach(ProcessHandle::destroyForcibly); // a stopped browser cannot quit politely
      } else {
        call(http, "DELETE", base + "/session/" + session, null);
      }
    } finally {
      driver.destroy();
      if (!driver.waitFor(10, TimeUnit.SECONDS)) {
        driver.destroyForcibly();
      }
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
