package io.voicegateway.apps.audio;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes 16-bit PCM WAV incrementally (voicemail messages, call recordings), so a file is playable however its
 * writer ends: the header's sizes are rewritten on every {@link #flush}, and a gateway killed between flushes
 * leaves a file {@link WavRepair} mends on the next start. Blocking I/O: use from a worker, never an event loop
 * or the mixer thread.
 */
public final class WavWriter implements Closeable {
  static final int HEADER_BYTES = 44;

  private final Path path;
  private final FileChannel channel;
  private final int channels;
  private final int sampleRate;
  private final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private ByteBuffer chunk = ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
  private long dataBytes;

  private WavWriter(Path path, FileChannel channel, int sampleRate, int channels) {
    this.path = path;
    this.channel = channel;
    this.sampleRate = sampleRate;
    this.channels = channels;
  }

  /** Creates (or truncates) {@code path} and writes a header for an empty file; parent folders are made. */
  @SuppressWarnings("resource") // the channel is owned by the writer and closed with it
  public static WavWriter create(Path path, int sampleRate, int channels) throws IOException {
    if (channels != 1 && channels != 2) {
      throw new IllegalArgumentException("channels " + channels + " is not 1 or 2");
    }
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
    file.setLength(0);
    WavWriter writer = new WavWriter(path, file.getChannel(), sampleRate, channels);
    writer.writeHeader();
    return writer;
  }

  public Path path() {
    return path;
  }

  public int sampleRate() {
    return sampleRate;
  }

  public int channels() {
    return channels;
  }

  /** Appends {@code frames} frames of interleaved samples (caller left, callee right for stereo). */
  public void write(short[] interleaved, int frames) throws IOException {
    int samples = frames * channels;
    if (chunk.capacity() < samples * 2) {
      chunk = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    }
    chunk.clear();
    for (int i = 0; i < samples; i++) {
      chunk.putShort(interleaved[i]);
    }
    chunk.flip();
    channel.position(HEADER_BYTES + dataBytes);
    while (chunk.hasRemaining()) {
      channel.write(chunk);
    }
    dataBytes += samples * 2L;
  }

  /** Frames written so far. */
  public long frames() {
    return dataBytes / (2L * channels);
  }

  public long durationMs() {
    return frames() * 1000 / sampleRate;
  }

  /** Rewrites the header's sizes for what is written so far, and forces both to disk. */
  public void flush() throws IOException {
    writeHeader();
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      channel.close();
    }
  }

  private void writeHeader() throws IOException {
    WavHeader.fill(header, sampleRate, channels, dataBytes);
    channel.write(header, 0);
  }
}
