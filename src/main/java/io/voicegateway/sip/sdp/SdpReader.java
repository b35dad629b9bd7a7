package io.voicegateway.sip.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.regex.Pattern;
import javax.sdp.Attribute;
import javax.sdp.Connection;
import javax.sdp.Media;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;

/**
 * Reads SDP through JAIN-SIP's {@code javax.sdp} parser into {@link SdpStream}s with session-level defaults
 * (c=, direction, ptime) folded into each stream. The NIST parser accepts almost any text, so the overall
 * shape (v= first, o=, at least one m=, type=value lines) is checked here first.
 */
final class SdpReader {

  private static final Pattern LINE = Pattern.compile("[a-zA-Z]=.*");
  /** m=<media> <port>[/<count>] <proto> <fmt>...; checked here because the NIST parser prints a stack trace. */
  private static final Pattern M_LINE = Pattern.compile("m=\\S+ \\d{1,5}(/\\d+)? \\S+( \\S+)+\\s*");

  private SdpReader() {
  }

  /** @throws SdpNegotiationException 400 when the text is not a session description we can read */
  static List<SdpStream> read(String sdp) throws SdpNegotiationException {
    checkShape(sdp);
    SessionDescription session;
    try {
      // the NIST field parsers print a stack trace before throwing: not for every stranger's bad offer
      session = QuietStderr.during(() -> SdpFactory.getInstance().createSessionDescription(sdp));
    } catch (Exception e) {
      throw bad("SDP does not parse: " + e.getMessage(), e);
    }
    try {
      String sessionHost = host(session.getConnection());
      Defaults defaults = defaults(session.getAttributes(false), new Defaults(MediaDirection.SENDRECV, 0));
      Vector<?> descriptions = session.getMediaDescriptions(false);
      if (session.getOrigin() == null || descriptions == null || descriptions.isEmpty()) {
        throw bad("SDP lacks o= or m=", null);
      }
      List<SdpStream> streams = new ArrayList<>(descriptions.size());
      for (Object d : descriptions) {
        SdpStream stream = stream((MediaDescription) d, sessionHost, defaults);
        if (stream.port() > 65535) {
          throw bad("m= port out of range: " + stream.port(), null);
        }
        if (stream.port() != 0 && stream.host() == null) {
          throw bad("no c= line for the " + stream.mediaType() + " stream", null);
        }
        streams.add(stream);
      }
      return streams;
    } catch (SdpNegotiationException e) {
      throw e;
    } catch (SdpException | RuntimeException e) {
      throw bad("SDP field does not parse: " + e.getMessage(), e);
    }
  }

  private static void checkShape(String sdp) throws SdpNegotiationException {
    if (sdp == null || !sdp.startsWith("v=")) {
      throw bad("SDP does not start with v=", null);
    }
    for (String line : sdp.split("\r?\n")) {
      if (!line.isEmpty() && !LINE.matcher(line).matches()) {
        throw bad("SDP line is not type=value: " + line, null);
      }
      if (line.startsWith("m=") && !M_LINE.matcher(line).matches()) {
        throw bad("malformed m= line: " + line, null);
      }
    }
  }

  private static SdpStream stream(MediaDescription d, String sessionHost, Defaults session)
      throws SdpException, SdpNegotiationException {
    Media m = d.getMedia();
    Map<Integer, Rtpmap> rtpmaps = new HashMap<>();
    Map<Integer, String> fmtps = new HashMap<>();
    Vector<?> attributes = d.getAttributes(false);
    if (attributes != null) {
      for (Object o : attributes) {
        Attribute a = (Attribute) o;
        String value = a.hasValue() ? a.getValue() : "";
        if ("rtpmap".equalsIgnoreCase(a.getName())) {
          Rtpmap.parse(value).ifPresent(r -> rtpmaps.putIfAbsent(r.payloadType(), r));
        } else if ("fmtp".equalsIgnoreCase(a.getName())) {
          putFmtp(value, fmtps);
        }
      }
    }
    Defaults own = defaults(attributes, session);
    String mediaHost = host(d.getConnection());
    List<String> formats = new ArrayList<>();
    Vector<?> f = m.getMediaFormats(false);
    if (f != null) {
      f.forEach(x -> formats.add(String.valueOf(x).trim()));
    }
    return new SdpStream(m.getMediaType(), m.getMediaPort(), m.getProtocol(), formats, rtpmaps, fmtps,
        mediaHost != null ? mediaHost : sessionHost, own.direction, own.ptimeMs);
  }

  private static void putFmtp(String value, Map<Integer, String> fmtps) {
    String[] ptAndParams = value.trim().split("\\s+", 2);
    try {
      fmtps.putIfAbsent(Integer.parseInt(ptAndParams[0]), ptAndParams.length == 2 ? ptAndParams[1].trim() : "");
    } catch (NumberFormatException e) {
      // an fmtp for a non-numeric format is no concern of RTP audio
    }
  }

  /** Direction and ptime found in {@code attributes}, falling back to {@code outer}. */
  private static Defaults defaults(Vector<?> attributes, Defaults outer) throws SdpException {
    MediaDirection direction = outer.direction;
    int ptime = outer.ptimeMs;
    if (attributes != null) {
      for (Object o : attributes) {
        Attribute a = (Attribute) o;
        String name = a.getName();
        if ("ptime".equalsIgnoreCase(name) && a.hasValue()) {
          ptime = parsePtime(a.getValue(), ptime);
        } else {
          direction = MediaDirection.fromSdpName(name).orElse(direction);
        }
      }
    }
    return new Defaults(direction, ptime);
  }

  private static int parsePtime(String value, int fallback) {
    try {
      int ms = (int) Math.round(Double.parseDouble(value.trim()));
      return ms > 0 && ms <= 200 ? ms : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /**
   * The unicast address of a c= line, without a multicast TTL suffix; null when absent. An empty or malformed
   * address is refused here (400), not found out by every RTP packet sent to it for the life of the call.
   */
  private static String host(Connection c) throws SdpException, SdpNegotiationException {
    if (c == null || c.getAddress() == null) {
      return null;
    }
    String address = c.getAddress().trim();
    int slash = address.indexOf('/');
    String host = slash < 0 ? address : address.substring(0, slash);
    if (!ADDRESS.matcher(host).matches()) {
      throw bad("c= names no usable address: \"" + printable(host) + "\"", null);
    }
    return host;
  }

  private static String printable(String text) {
    String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
    return shown.replaceAll("[^\\x20-\\x7e]", "?");
  }

  /** An IPv4 or IPv6 literal or a host name (RFC 4566 §5.7 unicast-address): letters, digits, '.', '-', ':'. */
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:-]*");

  private static SdpNegotiationException bad(String message, Throwable cause) {
    return new SdpNegotiationException(SdpNegotiationException.BAD_REQUEST, message, cause);
  }

  private record Defaults(MediaDirection direction, int ptimeMs) {
  }
}
