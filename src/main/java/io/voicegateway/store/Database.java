package io.voicegateway.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * One JDBC connection to the store, opened again when it was lost (a PostgreSQL restart or a network cut: the
 * driver marks the connection closed; the statement that met the failure fails and is logged by its caller, the
 * next one reconnects). One connection is plenty for a few writes per call, and its users are synchronized, so no
 * pool. Every method blocks: call from a worker, never an event loop.
 */
public final class Database implements AutoCloseable {
  private final String url;
  private final String user;
  private final String password;
  private final Dialect dialect;
  private Connection connection;

  private Database(String url, String user, String password) throws SQLException {
    this.url = url;
    this.user = user;
    this.password = password;
    this.dialect = Dialect.of(url);
    this.connection = connect();
  }

  /**
   * Connects now, so a store that is down or refuses the login stops the start with the driver's reason.
   *
   * @param user     null: H2's {@code sa}, PostgreSQL's default (the driver takes it from the URL or the OS user)
   * @param password null: none
   */
  public static Database connect(String url, String user, String password) throws SQLException {
    return new Database(url, user, password);
  }

  public Dialect dialect() {
    return dialect;
  }

  /** The open connection, reconnecting first if the last one was lost. */
  public synchronized Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = connect();
    }
    return connection;
  }

  private Connection connect() throws SQLException {
    String login = user != null ? user : dialect == Dialect.H2 ? "sa" : null;
    if (login == null && password == null) {
      return DriverManager.getConnection(url);
    }
    return DriverManager.getConnection(url, login, password == null ? "" : password);
  }

  @Override
  public synchronized void close() throws SQLException {
    if (connection != null && !connection.isClosed()) {
      connection.close();
    }
  }
}
