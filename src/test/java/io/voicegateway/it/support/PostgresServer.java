package io.voicegateway.it.support;

import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;

/**
 * A throw-away PostgreSQL server for a test: Debian's binaries ({@code /usr/lib/postgresql/15/bin}, package
 * {@code postgresql-15}), {@code initdb} into a temp directory, {@code postgres} on a free loopback port (TCP on
 * 127.0.0.1 only, its Unix socket in the temp directory), trust authentication for user {@code postgres}, fsync
 * off (a test database need not survive a power cut). PostgreSQL refuses to run as root and tests run as root
 * on CI, so as root every command runs as the {@code postgres} system user ({@code runuser}) that owns the
 * directory. Readiness is awaited with {@code pg_isready}. Missing binaries skip the test, or fail it under
 * {@code CI=true}. {@link #close} stops the server ({@code pg_ctl stop -m immediate}) and deletes its files.
 */
public final class PostgresServer implements AutoCloseable {
  /** The Debian package's binaries; PostgreSQL 15 is Debian 12's. */
  static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  public static final String USER = "postgres";

  private final Path dir;
  private final Path data;
  private final int port;
  private final Process server;

  private PostgresServer(Path dir, int port, Process server) {
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
    this.server = server;
  }

  /** Initialises and starts a server; returns once it accepts connections. */
  public static PostgresServer start() throws IOException, InterruptedException {
    Tools.requireFile(BIN.resolve("initdb"));
    Tools.requireFile(BIN.resolve("postgres"));
    Path dir = Files.createTempDirectory("vg-postgres");
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    if (asRoot()) {
      Tools.run("chown", USER + ":" + USER, dir.toString());
    }
    Tools.run(command(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
        "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"));
    int port = FreePorts.udpAndTcp();
    Process server = new ProcessBuilder(command(BIN.resolve("postgres").toString(), "-D",
        dir.resolve("data").toString(), "-p", String.valueOf(port), "-k", dir.toString(),
        "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off",
        "-c", "max_connections=40"))
        .redirectErrorStream(true).redirectOutput(dir.resolve("postgres.log").toFile()).start();
    PostgresServer pg = new PostgresServer(dir, port, server);
    boolean ready = GatewayUnderTest.eventually(60, () -> server.isAlive() && pg.isReady());
    if (!ready) {
      String log = Files.readString(dir.resolve("postgres.log"));
      pg.close();
      Assertions.fail("PostgreSQL did not start on 127.0.0.1:" + port + ":\n" + log);
    }
    return pg;
  }

  private boolean isReady() {
    try {
      Process p = new ProcessBuilder(BIN.resolve("pg_isready").toString(), "-q", "-h", "127.0.0.1",
          "-p", String.valueOf(port), "-U", USER).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** {@code args}, run as the postgres user when the test runs as root. */
  private static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    if (asRoot()) {
      cmd.addAll(List.of("runuser", "-u", USER, "--"));
    }
    cmd.addAll(List.of(args));
    return cmd;
  }

  public int port() {
    return port;
  }

  /** The JDBC URL of {@code database} on this server. */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** A new empty database; returns its JDBC URL. */
  public String createDatabase(String name) throws SQLException {
    try (Connection db = connect("postgres"); Statement st = db.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return url(name);
  }

  /** A connection to {@code database} as {@value #USER}. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), USER, "");
  }

  /**
   * The rows {@code sql} selects from {@code database}, each as column name → value, by the value of its first
   * column (an id), in the query's order.
   */
  public Map<String, Map<String, Object>> rows(String database, String sql) {
    try (Connection db = connect(database); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      Map<String, Map<String, Object>> out = new LinkedHashMap<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
        }
        out.put(rs.getString(1), row);
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The server's log so far (for a failing assertion's message). */
  public String log() {
    try {
      return Files.readString(dir.resolve("postgres.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      Process stop = new ProcessBuilder(command(BIN.resolve("pg_ctl").toString(), "stop", "-D", data.toString(),
          "-m", "immediate", "-w")).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      stop.waitFor(30, TimeUnit.SECONDS);
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
