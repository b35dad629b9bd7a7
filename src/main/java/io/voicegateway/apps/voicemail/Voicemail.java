package io.voicegateway.apps.voicemail;

import io.voicegateway.apps.audio.WavRepair;
import io.voicegateway.apps.prompts.Prompts;
import io.voicegateway.bus.VoicemailMessages.Message;
import io.voicegateway.config.HistoryConfig;
import io.voicegateway.config.VoicemailConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * What the voicemail apps share: the boxes, where messages go ({@code <data_dir>/voicemail/<box>/<id>.wav}), the
 * index (opened on first use), the prompts, and how a stored message is announced. Blocking methods say so.
 */
final class Voicemail {
  private static final Logger LOG = Logger.getLogger(Voicemail.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();
  /** A message file written to this recently may be one another gateway is still recording. */
  static final long IN_PROGRESS_MS = 5_000;

  /** Replaced by a reload (on the apps loop); read by sessions as they start and by the REST workers. */
  private volatile VoicemailConfig config;
  private final HistoryConfig store;
  private volatile Prompts prompts;
  private volatile Consumer<Message> announce = m -> { };
  private VoicemailStore index;

  /** The embedded store in {@code dataDir} (tests). */
  Voicemail(VoicemailConfig config, Path dataDir, Prompts prompts) {
    this(config, new HistoryConfig(true, dataDir, HistoryConfig.DEFAULT_RETENTION), prompts);
  }

  /** @param store where the index is (the history's store) and, in its data directory, the audio */
  Voicemail(VoicemailConfig config, HistoryConfig store, Prompts prompts) {
    this.config = config;
    this.store = store;
    this.prompts = prompts;
  }

  /**
   * A reload's boxes and prompts, for calls from now on: a caller already leaving a message keeps the box it
   * started with (its file and index entry are made under that box's name even if the box was removed). The
   * messages of a removed box stay on disk and in the index, and are back if the box comes back.
   */
  void reconfigure(VoicemailConfig next, Prompts nextPrompts) {
    this.config = next;
    this.prompts = nextPrompts;
  }

  VoicemailConfig config() {
    return config;
  }

  Prompts prompts() {
    return prompts;
  }

  Path folder() {
    return store.dataDir().resolve("voicemail");
  }

  Path file(String box, String id) {
    return folder().resolve(box).resolve(id + ".wav");
  }

  /** Blocking: the index, opened (and its table made) on first use. */
  synchronized VoicemailStore store() throws IOException {
    if (index == null) {
      index = VoicemailStore.open(store);
    }
    return index;
  }

  /** Sortable by time, unguessable, and safe in a file name and a URL path. */
  static String newId(long nowMs) {
    return Long.toString(nowMs, 36) + "-" + Integer.toHexString(RANDOM.nextInt() | 0x10000000);
  }

  void onStored(Consumer<Message> listener) {
    this.announce = listener;
  }

  void announce(Message message) {
    announce.accept(message);
  }

  /**
   * Blocking, on start-up: mends the header of every message a killed gateway left, and indexes a message whose
   * caller hung up as the gateway died (its file is complete up to the last flush, its index entry was never
   * written; the caller is unknown). Files shorter than a second are removed as any short message would be.
   */
  void recover(long nowMs) throws IOException {
    if (!Files.isDirectory(folder())) {
      return;
    }
    for (String box : config.boxes().keySet()) {
      Path dir = folder().resolve(box);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      Set<String> known = new HashSet<>();
      try {
        store().messages(box).forEach(m -> known.add(m.id()));
      } catch (SQLException e) {
        throw new IOException("cannot read the voicemail index: " + e.getMessage(), e);
      }
      List<Path> files;
      try (Stream<Path> list = Files.list(dir)) {
        files = list.filter(p -> p.getFileName().toString().endsWith(".wav")).toList();
      }
      for (Path file : files) {
        adopt(box, file, known, nowMs);
      }
    }
  }

  private void adopt(String box, Path file, Set<String> known, long nowMs) throws IOException {
    if (WavRepair.repair(file)) {
      LOG.info("voicemail: mended the header of " + file);
    }
    String id = file.getFileName().toString().replaceFirst("\\.wav$", "");
    if (known.contains(id)) {
      return;
    }
    if (store.shared() && Files.getLastModifiedTime(file).toMillis() > nowMs - IN_PROGRESS_MS) {
      return; // another gateway sharing the directory is recording it (appended every 20 ms); it indexes it itself
    }
    long durationMs = Math.max(0, Files.size(file) - 44) / 2 * 1000 / MessageRecorder.RATE;
    if (durationMs < LeaveMessage.MIN_MESSAGE_MS) {
      Files.deleteIfExists(file);
      return;
    }
    long received = Files.getLastModifiedTime(file).toMillis() - durationMs;
    try {
      store().add(new Message(id, box, null, null, Math.min(received, nowMs), durationMs, false));
      LOG.info("voicemail: indexed " + file + ", left as the gateway stopped");
    } catch (SQLException e) {
      throw new UncheckedIOException(new IOException("cannot index " + file + ": " + e.getMessage(), e));
    }
  }

  synchronized void close() {
    if (index != null) {
      try {
        index.close();
      } catch (SQLException e) {
        LOG.warning("voicemail: closing the index failed: " + e.getMessage());
      }
      index = null;
    }
  }
}
