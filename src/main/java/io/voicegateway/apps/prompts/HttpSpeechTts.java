package io.voicegateway.apps.prompts;

import io.voicegateway.apps.audio.WavReader;
import io.voicegateway.config.PromptsConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Neural voices from a speech server that speaks the OpenAI-compatible {@code POST {url}/v1/audio/speech}
 * (Kokoro-FastAPI, among others): JSON {@code {model, input, voice, response_format}} in, audio out, as a WAV or as
 * raw 24 kHz 16-bit mono ({@code pcm}, Kokoro's native output). Blocking, with one deadline for the whole exchange
 * (connect, wait, body), so a hung server costs a prompt at most {@code timeout} before the fallback speaks.
 */
public final class HttpSpeechTts implements TtsEngine {
  /** The rate of {@code response_format: pcm} in the OpenAI API and Kokoro-FastAPI. */
  static final int PCM_RATE = 24_000;

  private final PromptsConfig.Http settings;
  private final URI endpoint;
  private final HttpClient client;

  public HttpSpeechTts(PromptsConfig.Http settings) {
    this.settings = settings;
    this.endpoint = URI.create(settings.url() + "/v1/audio/speech");
    // HTTP/1.1: local speech servers rarely speak h2c, and an upgrade attempt only adds a round trip
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public String key() {
    return "http/" + settings.url() + "/" + settings.model() + "/" + settings.voice() + "/" + settings.format();
  }

  @Override
  public Speech render(String text) throws IOException {
    String body = new JsonObject().put("model", settings.model()).put("input", text).put("voice", settings.voice())
        .put("response_format", settings.format()).encode();
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(settings.timeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    HttpResponse<byte[]> response = exchange(request);
    if (response.statusCode() / 100 != 2) {
      throw new IOException("speech server " + endpoint + " answered " + response.statusCode() + ": "
          + start(response.body()));
    }
    String source = "the speech server's answer for \"" + text + "\"";
    float[] samples = settings.format().equals("pcm")
        ? WavReader.readPcm16Mono(response.body(), PCM_RATE, PromptAudio.SAMPLE_RATE)
        : WavReader.readMono(response.body(), PromptAudio.SAMPLE_RATE, source);
    if (samples.length == 0) {
      throw new IOException(source + " holds no audio");
    }
    return new Speech(new PromptAudio(samples), key());
  }

  /** Nothing to check at start-up: the server may come up after the gateway, and the fallback covers it until then. */
  @Override
  public void check() {}

  private HttpResponse<byte[]> exchange(HttpRequest request) throws IOException {
    CompletableFuture<HttpResponse<byte[]>> pending =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    try {
      return pending.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new IOException("speech server " + endpoint + " did not answer within " + settings.timeout().toMillis()
          + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      throw new IOException("speech server " + endpoint + " is unreachable (" + why + ")", cause);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the speech server " + endpoint, e);
    }
  }

  /** The start of an error body, as text, for the message. */
  private static String start(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "(empty body)" : text + (body.length > 300 ? "…" : "");
  }

  @Override
  public String toString() {
    return key();
  }
}
