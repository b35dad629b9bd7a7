package io.voicegateway.it.support;

import io.voicegateway.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs SIPp against a test gateway and reads its outcome: exit code, successful/failed call counts from
 * the {@code -trace_stat} CSV, and the unexpected messages of {@code -trace_err}. Each run gets its own
 * working directory (with {@code pcap/} linked to SIPp's shipped audio). Missing sipp: the test is skipped,
 * or fails under {@code CI=true}.
 */
public final class SippRunner {
  private static final long DEFAULT_TIMEOUT_S = 90;

  /**
   * What one SIPp run did; {@code counts} holds the last row of {@code -trace_counts} (per scenario message:
   * {@code 4_200_Retrans}, …), empty unless the run asked for it.
   */
  public record Result(int exitCode, long successful, long failed, String errors, String output,
      Map<String, Long> counts) {
    /** A {@code -trace_counts} column, e.g. {@code 4_200_Retrans}: the 200s to the INVITE of {@code uac} seen again. */
    public long count(String column) {
      Long value = counts.get(column);
      if (value == null) {
        throw new IllegalArgumentException("no " + column + " in SIPp's counts (run with -trace_counts): " + counts.keySet());
      }
      return value;
    }

    @Override
    public String toString() {
      return "sipp exit " + exitCode + ", " + successful + " ok, " + failed + " failed\n" + output + "\n" + errors;
    }
  }

  private final List<String> args = new ArrayList<>();
  private long timeoutSeconds = DEFAULT_TIMEOUT_S;
  private String localIp = "127.0.0.1";

  private SippRunner() {}

  /** Fails under CI=true when sipp is not installed, skips otherwise. */
  public static String requireSipp() {
    return Tools.require("sipp").toString();
  }

  /** A run of a scenario file from {@code src/test/resources/sipp/}. */
  public static SippRunner scenario(String name) {
    SippRunner r = new SippRunner();
    r.args.add("-sf");
    r.args.add(Path.of("src/test/resources/sipp", name).toAbsolutePath().toString());
    return r;
  }

  /** A run of one of SIPp's built-in scenarios ({@code uac}, {@code uas}, …). */
  public static SippRunner builtin(String name) {
    SippRunner r = new SippRunner();
    r.args.add("-sn");
    r.args.add(name);
    return r;
  }

  public SippRunner args(String... more) {
    args.addAll(List.of(more));
    return this;
  }

  /** The loopback address SIPp sends from (127.0.0.1 unless a test plays another host, e.g. 127.0.0.2). */
  public SippRunner from(String loopbackIp) {
    localIp = loopbackIp;
    return this;
  }

  public SippRunner timeoutSeconds(long seconds) {
    timeoutSeconds = seconds;
    return this;
  }

  /** Runs to completion: calls {@code -m calls}, at most {@code concurrent} at once, {@code rate} per second. */
  public Result run(String target, int calls, int concurrent, int rate) throws IOException, InterruptedException {
    return start(target, calls, concurrent, rate).await();
  }

  /** Starts SIPp in the background; {@link Running#await()} waits for it. */
  public Running start(String target, int calls, int concurrent, int rate) throws IOException {
    String sipp = requireSipp();
    Path dir = Files.createTempDirectory("sipp");
    Path pcaps = Path.of("/usr/share/sip-tester");
    if (Files.isDirectory(pcaps)) {
      Files.createSymbolicLink(dir.resolve("pcap"), pcaps);
    }
    List<String> cmd = new ArrayList<>(List.of(sipp));
    if (target != null) {
      cmd.add(target);
    }
    cmd.addAll(args);
    cmd.addAll(List.of("-i", localIp, "-mi", localIp, "-nostdin", "-m", String.valueOf(calls),
        "-l", String.valueOf(concurrent), "-r", String.valueOf(rate),
        "-timeout", timeoutSeconds + "s", "-timeout_error", "-recv_timeout", "20000",
        "-trace_stat", "-stf", "stat.csv", "-fd", "1", "-trace_err", "-error_file", "errors.log"));
    Process process = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
    return new Running(process, dir, timeoutSeconds + 15);
  }

  /** A SIPp process in flight. */
  public static final class Running {
    private final Process process;
    private final Path dir;
    private final long limitSeconds;

    Running(Process process, Path dir, long limitSeconds) {
      this.process = process;
      this.dir = dir;
      this.limitSeconds = limitSeconds;
    }

    /** Ends SIPp at once (SIGKILL), for a peer that must not outlive its test. */
    public void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
    }

    public Result await() throws IOException, InterruptedException {
      if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
      return read(process.exitValue());
    }

    private Result read(int exit) throws IOException {
      long ok = 0;
      long failed = 0;
      Path stat = dir.resolve("stat.csv");
      if (Files.exists(stat)) {
        List<String> lines = Files.readAllLines(stat, StandardCharsets.ISO_8859_1);
        if (lines.size() >= 2) {
          String[] head = lines.get(0).split(";");
          String[] last = lines.get(lines.size() - 1).split(";");
          for (int i = 0; i < head.length && i < last.length; i++) {
            if (head[i].equals("SuccessfulCall(C)")) {
              ok = Long.parseLong(last[i].trim());
            } else if (head[i].equals("FailedCall(C)")) {
              failed = Long.parseLong(last[i].trim());
            }
          }
        }
      }
      return new Result(exit, ok, failed, readIfAny(dir.resolve("errors.log")), readIfAny(dir.resolve("out.log")),
          counts(dir));
    }

    /** The last row of the {@code *_counts.csv} that {@code -trace_counts} writes, by column name. */
    private static Map<String, Long> counts(Path dir) throws IOException {
      Map<String, Long> out = new LinkedHashMap<>();
      try (Stream<Path> files = Files.list(dir)) {
        Path csv = files.filter(f -> f.getFileName().toString().endsWith("_counts.csv")).findFirst().orElse(null);
        List<String> lines = csv == null ? List.of() : Files.readAllLines(csv, StandardCharsets.ISO_8859_1);
        if (lines.size() >= 2) {
          String[] head = lines.get(0).split(";");
          String[] last = lines.get(lines.size() - 1).split(";");
          for (int i = 2; i < head.length && i < last.length; i++) { // after CurrentTime and ElapsedTime
            out.put(head[i], Long.parseLong(last[i].trim()));
          }
        }
      }
      return out;
    }
  }

  private static String readIfAny(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
    return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
  }

}
