package io.voicegateway.apps.prompts;

import io.voicegateway.apps.audio.WavReader;
import io.voicegateway.apps.audio.WavWriter;
import io.voicegateway.config.ConfigException;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.Prompt;
import io.voicegateway.config.PromptsConfig;
import io.voicegateway.media.Pcm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * The gateway's {@link Prompts}: text through the TTS engine, files read and resampled, each made once.
 *
 * <p>Text renderings are kept on disk under the cache directory, one 48 kHz 16-bit WAV per (engine, voice, text)
 * named by a hash of the three and written atomically (temporary file, then a move), so a prompt is synthesised
 * once across restarts and a crash never leaves half a file under a valid name. A rendering by the fallback engine
 * (the HTTP voice was down) is kept in memory only, for {@link #FALLBACK_KEEP}: once the server is back, the
 * next load after that asks it again, and the neural rendering is the one that lands on disk. Files are not copied
 * to disk; in memory they are keyed by path, size and modification time, so an edited file is read again.
 *
 * <p>Blocking: call {@link #load} through {@code AppCall.blocking}. Two calls loading the same prompt at once
 * share one rendering.
 */
public final class PromptLibrary implements Prompts {
  /** How long a fallback rendering stands in before the primary engine is asked again. */
  public static final Duration FALLBACK_KEEP = Duration.ofMinutes(1);
  /** Held in memory at most (≈ 6 minutes of audio, 64 MB); the least recently used go first. */
  static final long MEMORY_SAMPLES = 16L << 20;

  private static final Logger LOG = Logger.getLogger(PromptLibrary.class.getName());

  private final TtsEngine engine;
  private final Path cacheDir;
  private final Path workDir;
  private final Clock clock;
  private final PromptMemory memory = new PromptMemory(MEMORY_SAMPLES);
  private final ConcurrentHashMap<String, CompletableFuture<PromptAudio>> making = new ConcurrentHashMap<>();
  private volatile boolean diskWarned;

  /**
   * @param cacheDir where text renderings are kept (created on the first one)
   * @param workDir  what relative file paths are resolved against (the gateway's working directory)
   */
  public PromptLibrary(TtsEngine engine, Path cacheDir, Path workDir, Clock clock) {
    this.engine = engine;
    this.cacheDir = cacheDir;
    this.workDir = workDir;
    this.clock = clock;
  }

  /** The library the configuration asks for: its engine (espeak-ng, or HTTP falling back to espeak-ng) and cache. */
  public static PromptLibrary create(GatewayConfig config) {
    return new PromptLibrary(engine(config.prompts(), Clock.systemUTC()), config.prompts().cacheDir(config.history()),
        Path.of("").toAbsolutePath(), Clock.systemUTC());
  }

  static TtsEngine engine(PromptsConfig prompts, Clock clock) {
    EspeakTts espeak = new EspeakTts(prompts.voice(), prompts.speed());
    if (!PromptsConfig.HTTP.equals(prompts.engine())) {
      return espeak;
    }
    return new FallbackTts(new HttpSpeechTts(prompts.http()), espeak, clock, Duration.ofSeconds(30));
  }

  public TtsEngine engine() {
    return engine;
  }

  /**
   * Checks that text prompts can be spoken (espeak-ng is installed): call it at start-up when the configuration
   * has text prompts. Blocking.
   *
   * @throws ConfigException naming {@code prompts.engine} (or {@code prompts.voice} for a voice espeak-ng lacks), so
   *     the gateway exits 2
   */
  public void requireTextEngine() {
    try {
      engine.check();
    } catch (EspeakTts.UnknownVoiceException e) {
      throw new ConfigException("prompts.voice", "the configuration has text prompts, but " + e.getMessage());
    } catch (IOException e) {
      throw new ConfigException("prompts.engine", "the configuration has text prompts, but " + engine.key()
          + " cannot speak them: " + e.getMessage() + " (install espeak-ng, e.g. apt-get install espeak-ng)");
    }
  }

  /**
   * Makes {@code prompts} ahead of the first call that needs them (synthesis with a neural voice takes seconds),
   * on {@code executor}; a prompt that fails is logged and tried again by the call that needs it.
   */
  public void warmUp(List<Prompt> prompts, Executor executor) {
    if (prompts.isEmpty()) {
      return;
    }
    List<Prompt> distinct = List.copyOf(new LinkedHashSet<>(prompts));
    executor.execute(() -> {
      for (Prompt prompt : distinct) {
        try {
          load(prompt);
        } catch (IOException | RuntimeException e) {
          LOG.warning("prompts: cannot prepare " + prompt + " yet (" + e.getMessage() + "); its first call tries again");
        }
      }
    });
  }

  /** One daemon thread per task: for the start-up warm-up, which must not hold a worker or the JVM's exit. */
  public static Executor backgroundThread() {
    return task -> {
      Thread thread = new Thread(task, "prompts-warm-up");
      thread.setDaemon(true);
      thread.start();
    };
  }

  @Override
  public PromptAudio load(Prompt prompt) throws IOException {
    String key = prompt.isText() ? "text\n" + engine.key() + "\n" + prompt.text() : fileKey(prompt.file());
    PromptAudio cached = memory.get(key, clock.millis());
    if (cached != null) {
      return cached;
    }
    CompletableFuture<PromptAudio> mine = new CompletableFuture<>();
    CompletableFuture<PromptAudio> theirs = making.putIfAbsent(key, mine);
    if (theirs != null) {
      return await(theirs);
    }
    try {
      PromptAudio audio = prompt.isText() ? text(key, prompt.text()) : file(key, resolve(prompt.file()));
      mine.complete(audio);
      return audio;
    } catch (IOException | RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      making.remove(key, mine);
    }
  }

  private PromptAudio text(String key, String text) throws IOException {
    Path cached = cacheDir.resolve(hash(engine.key(), text) + ".wav");
    PromptAudio audio = readCached(cached);
    if (audio != null) {
      memory.put(key, audio, Long.MAX_VALUE);
      return audio;
    }
    TtsEngine.Speech speech = engine.render(text);
    if (speech.renderedBy().equals(engine.key())) {
      writeCached(cached, speech.audio());
      memory.put(key, speech.audio(), Long.MAX_VALUE);
    } else {
      memory.put(key, speech.audio(), clock.millis() + FALLBACK_KEEP.toMillis());
    }
    return speech.audio();
  }

  private PromptAudio file(String key, Path file) throws IOException {
    PromptAudio audio = new PromptAudio(WavReader.readMono(file, PromptAudio.SAMPLE_RATE));
    memory.put(key, audio, Long.MAX_VALUE);
    return audio;
  }

  private Path resolve(Path file) {
    return workDir.resolve(file);
  }

  /** A file's memory key: an edited or replaced file gets a new one. */
  private String fileKey(Path file) throws IOException {
    Path path = resolve(file);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new IOException("cannot read the prompt file " + path + ": " + e, e);
    }
    return "file\n" + path + "\n" + attributes.size() + "\n" + attributes.lastModifiedTime().toMillis();
  }

  private static PromptAudio readCached(Path cached) {
    if (!Files.isRegularFile(cached)) {
      return null;
    }
    try {
      float[] samples = WavReader.readMono(cached, PromptAudio.SAMPLE_RATE);
      return samples.length == 0 ? null : new PromptAudio(samples);
    } catch (IOException e) {
      LOG.warning("prompts: rendering again: the cached " + cached + " is unreadable (" + e.getMessage() + ")");
      return null;
    }
  }

  /** Best effort: a cache that cannot be written costs a rendering per restart, not the prompt. */
  private void writeCached(Path cached, PromptAudio audio) {
    Path tmp = null;
    try {
      Files.createDirectories(cacheDir);
      tmp = Files.createTempFile(cacheDir, cached.getFileName().toString(), ".tmp");
      short[] pcm = new short[audio.length()];
      Pcm.toShort(audio.samples(), 0, pcm, 0, pcm.length);
      try (WavWriter writer = WavWriter.create(tmp, PromptAudio.SAMPLE_RATE, 1)) {
        writer.write(pcm, pcm.length);
      }
      move(tmp, cached);
    } catch (IOException | UncheckedIOException e) {
      if (!diskWarned) {
        diskWarned = true;
        LOG.warning("prompts: cannot keep renderings in " + cacheDir + " (" + e.getMessage()
            + "); they are made again after a restart");
      }
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temporary name is never read back
        }
      }
    }
  }

  private static void move(Path tmp, Path cached) throws IOException {
    try {
      Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, cached, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The cache file's name: SHA-256 of the engine (with its voice and settings) and the text. */
  static String hash(String engineKey, String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(engineKey.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static PromptAudio await(CompletableFuture<PromptAudio> theirs) throws IOException {
    try {
      return theirs.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof IOException io) {
        throw new IOException(io.getMessage(), io);
      }
      throw e;
    }
  }
}
