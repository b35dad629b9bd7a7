package io.voicegateway.it.peers;

import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real baresip as a desk phone: it registers one account with the gateway, answers by itself or not
 * ({@code answermode}), plays a WAV into every call ({@code aufile}), dumps what it sent and heard
 * ({@code sndfile}: {@code dump-*-enc.wav}, {@code dump-*-dec.wav}) and takes commands (dial, hold,
 * resume, transfer, hangup) over its {@code ctrl_tcp} socket. {@code -s} puts the SIP trace in the log.
 */
public final class BaresipDevice implements AutoCloseable {
  private final Path dir;
  private final int sipPort;
  private final int ctrlPort;
  private Process process;

  /**
   * @param registrar  {@code host:port} of the gateway
   * @param codec      the one codec it offers and accepts: PCMU, PCMA, G722, opus/48000/2
   * @param source     the WAV it plays into calls
   * @param sampleRate its audio device rate (8000, 16000, 48000)
   * @param autoAnswer answers incoming calls at once; otherwise it just rings
   */
  public BaresipDevice(Path dir, String registrar, String user, String password, String codec, Path source,
      int sampleRate, boolean autoAnswer) throws IOException {
    Tools.require("baresip");
    this.dir = Files.createDirectories(dir);
    this.sipPort = FreePorts.block(2); // SIP on the port, TLS on port + 1
    this.ctrlPort = FreePorts.udpAndTcp();
    BaresipConfig.write(dir, sipPort, source, sampleRate, "ctrl_tcp_listen 127.0.0.1:" + ctrlPort,
        "module_app ctrl_tcp.so");
    Files.writeString(dir.resolve("accounts"), "<sip:" + user + "@" + registrar + ">;auth_pass=" + password
        + ";audio_codecs=" + codec + ";answermode=" + (autoAnswer ? "auto" : "manual") + ";regint=60\n");
  }

  public int sipPort() {
    return sipPort;
  }

  public void start() throws IOException {
    process = new ProcessBuilder("baresip", "-s", "-f", dir.toString())
        .redirectErrorStream(true)
        .redirectOutput(log().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
  }

  /**
   * Runs one menu command over ctrl_tcp (netstring-framed JSON) and returns baresip's JSON reply, e.g.
   * {@code command("dial", "sip:0301234@127.0.0.1:5060")}, {@code command("hold", "")},
   * {@code command("transfer", "sip:102@…")}.
   */
  public String command(String command, String params) throws IOException {
    String json = "{\"command\":\"" + command + "\",\"params\":\"" + params.replace("\"", "\\\"")
        + "\",\"token\":\"t\"}";
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", ctrlPort), 2000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.write(',');
      out.flush();
      return readNetstring(socket.getInputStream());
    }
  }

  private static String readNetstring(InputStream in) throws IOException {
    int length = 0;
    for (int c = in.read(); c != ':'; c = in.read()) {
      if (c < '0' || c > '9') {
        throw new IOException("bad netstring length byte " + c);
      }
      length = length * 10 + (c - '0');
    }
    byte[] body = in.readNBytes(length);
    in.read(); // the trailing ','
    return new String(body, StandardCharsets.UTF_8);
  }

  public Path log() {
    return dir.resolve("baresip.log");
  }

  /** The log so far (SIP trace included). */
  public String logText() {
    try {
      return Files.exists(log()) ? Files.readString(log(), StandardCharsets.ISO_8859_1) : "";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** What it heard in its last call (a 16-bit WAV), or null when it had none. */
  public Path heard() throws IOException {
    return dump("dec");
  }

  /**
   * Seconds of audio in {@link #heard()} so far (0 before it exists), from its size: baresip's sndfile module
   * writes each decoded frame as it comes and fixes the header's lengths only at the end.
   */
  public double heardSeconds() {
    try {
      Path wav = heard();
      if (wav == null) {
        return 0;
      }
      byte[] header = new byte[44];
      long size;
      try (java.io.InputStream in = Files.newInputStream(wav)) {
        if (in.readNBytes(header, 0, header.length) < header.length) {
          return 0;
        }
        size = Files.size(wav);
      }
      java.nio.ByteBuffer fmt = java.nio.ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      int bytesPerSecond = fmt.getInt(28); // the canonical 44-byte header sndfile writes for 16-bit PCM
      return bytesPerSecond <= 0 ? 0 : (double) (size - header.length) / bytesPerSecond;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** What it sent in its last call, or null. */
  public Path sent() throws IOException {
    return dump("enc");
  }

  private Path dump(String kind) throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "dump-*-" + kind + ".wav")) {
      files.forEach(found::add);
    }
    found.sort(null);
    return found.isEmpty() ? null : found.get(found.size() - 1);
  }

  /** SIGTERM (baresip hangs up and un-REGISTERs), killed if it lingers. */
  @Override
  public void close() throws Exception {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
