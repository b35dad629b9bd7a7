package io.voicegateway.recording;

import io.voicegateway.apps.audio.WavRepair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/** Where recordings live ({@code dir/YYYY-MM-DD/<callId>.wav}) and the start-up repair of what a kill left. */
final class RecordingFiles {
  private static final Logger LOG = Logger.getLogger(RecordingFiles.class.getName());
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private RecordingFiles() {}

  /** The file of a call whose recording starts at {@code startMs} (its UTC day's folder). */
  static Path fileOf(Path dir, String callId, long startMs) {
    if (!callId.matches("[A-Za-z0-9._-]+") || callId.startsWith(".")) {
      throw new IllegalArgumentException("call id " + callId + " cannot name a file");
    }
    return dir.resolve(DAY.format(Instant.ofEpochMilli(startMs))).resolve(callId + ".wav");
  }

  /**
   * Mends every recording a killed gateway left with a stale header ({@link WavRepair}); returns how many. Blocking:
   * run it on a worker before the first recording starts.
   */
  static int repairAll(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir, 2)) {
      files = walk.filter(p -> p.getFileName().toString().endsWith(".wav") && Files.isRegularFile(p)).toList();
    }
    int repaired = 0;
    for (Path file : files) {
      try {
        if (WavRepair.repair(file)) {
          repaired++;
          LOG.info("recording " + file + ": header mended after an unclean stop");
        }
      } catch (IOException e) {
        LOG.log(Level.WARNING, "recording " + file + " could not be repaired: " + e.getMessage(), e);
      }
    }
    return repaired;
  }
}
