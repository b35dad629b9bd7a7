package io.voicegateway;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Start-up could not listen on a socket: names it (service, transport, address, port) and the key to
 * change, where the bare cause says only "Address already in use".
 */
public final class SocketBindException extends RuntimeException {
  private final List<ListeningSocket> sockets;

  SocketBindException(List<ListeningSocket> sockets, Throwable cause) {
    super("cannot listen on " + sockets.stream().map(ListeningSocket::toString).collect(Collectors.joining(" or "))
        + ": " + rootMessage(cause) + "; another process may hold it: stop it or change "
        + sockets.stream().map(ListeningSocket::portKey).distinct().collect(Collectors.joining(", ")), cause);
    this.sockets = List.copyOf(sockets);
  }

  /**
   * {@code failure} as a {@code SocketBindException} when it is a bind failure of one of {@code verticle}'s
   * sockets, else {@code failure} itself.
   */
  static Throwable explain(String verticle, Throwable failure, List<ListeningSocket> all) {
    List<ListeningSocket> own = all.stream().filter(s -> s.verticle().equals(verticle)).toList();
    if (own.isEmpty() || !isBindFailure(failure)) {
      return failure;
    }
    List<ListeningSocket> busy = own.size() == 1 ? own : own.stream().filter(s -> !s.bindable()).toList();
    return new SocketBindException(busy.isEmpty() ? own : busy, failure);
  }

  /** A {@link java.net.BindException} anywhere in the chain, or Netty's native one, known by its text. */
  static boolean isBindFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof java.net.BindException || message.contains("Address already in use")
          || message.contains("bind(..) failed")) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** The sockets that could not be bound (several only when the culprit could not be told apart). */
  public List<String> sockets() {
    return sockets.stream().map(ListeningSocket::toString).toList();
  }
}
