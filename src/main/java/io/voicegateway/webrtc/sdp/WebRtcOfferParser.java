package io.voicegateway.webrtc.sdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a browser's offer line by line. Hand-written rather than through {@code javax.sdp} because WebRTC SDP is
 * mostly attributes (ICE, DTLS, BUNDLE) that parser leaves as strings, and this package stays free of the SIP stack.
 * Unknown attributes (extmap, msid, ssrc, rtcp-fb, ...) are skipped: they describe features the gateway does not use.
 */
final class WebRtcOfferParser {

  private static final Pattern LINE = Pattern.compile("([a-z])=(.*)");
  private static final Pattern M_LINE = Pattern.compile("(\\S+) (\\d{1,5})(?:/\\d+)? (\\S+)((?: \\S+)*)\\s*");
  /** A browser's audio and video offer is a few kB; anything near this is not one, and is not read further. */
  static final int MAX_LENGTH = 65536;
  private static final Pattern O_LINE = Pattern.compile("\\S+ (\\d+) (\\d+) .*");

  private WebRtcOfferParser() {
  }

  static WebRtcOffer parse(String sdp) throws WebRtcSdpException {
    if (sdp == null || !sdp.startsWith("v=0")) {
      throw new WebRtcSdpException("offer is not SDP: it must start with v=0");
    }
    if (sdp.length() > MAX_LENGTH) {
      throw new WebRtcSdpException("offer is " + sdp.length() + " characters, more than " + MAX_LENGTH
          + " allowed");
    }
    Section session = new Section(null);
    List<Section> sections = new ArrayList<>();
    List<List<String>> bundleGroups = new ArrayList<>();
    String originId = null;
    long originVersion = 0;
    boolean iceLite = false;
    Section current = session;
    for (String line : sdp.split("\r?\n")) {
      if (line.isBlank()) {
        continue;
      }
      Matcher m = LINE.matcher(line.strip());
      if (!m.matches()) {
        throw new WebRtcSdpException("offer line is not type=value: " + line);
      }
      String value = m.group(2);
      switch (m.group(1)) {
        case "m" -> {
          current = new Section(mLine(value));
          sections.add(current);
        }
        case "o" -> {
          Matcher o = O_LINE.matcher(value);
          if (!o.matches()) {
            throw new WebRtcSdpException("malformed o= line: " + line);
          }
          originId = o.group(1);
          originVersion = parseVersion(o.group(2), line);
        }
        case "a" -> {
          if (current == session && value.startsWith("group:")) {
            bundleGroup(value.substring("group:".length())).ifPresent(bundleGroups::add);
          } else if (current == session && value.strip().equals("ice-lite")) {
            iceLite = true;
          } else {
            current.attribute(value);
          }
        }
        default -> {
          // v, s, t, c, b, i, ...: a browser always sends c=IN IP4 0.0.0.0 and port 9, the address is ICE's job
        }
      }
    }
    if (originId == null) {
      throw new WebRtcSdpException("offer has no o= line");
    }
    if (sections.isEmpty()) {
      throw new WebRtcSdpException("offer has no m= line");
    }
    List<OfferedMedia> media = new ArrayList<>(sections.size());
    for (Section s : sections) {
      media.add(s.toMedia(session));
    }
    return new WebRtcOffer(originId, originVersion, iceLite, bundleGroups, media);
  }

  private static long parseVersion(String digits, String line) throws WebRtcSdpException {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new WebRtcSdpException("o= version out of range: " + line);
    }
  }

  private static MLine mLine(String value) throws WebRtcSdpException {
    Matcher m = M_LINE.matcher(value);
    if (!m.matches()) {
      throw new WebRtcSdpException("malformed m= line: m=" + value);
    }
    int port = Integer.parseInt(m.group(2));
    if (port > 65535) {
      throw new WebRtcSdpException("m= port out of range: m=" + value);
    }
    String formats = m.group(4).strip();
    return new MLine(m.group(1).toLowerCase(Locale.ROOT), port, m.group(3),
        formats.isEmpty() ? List.of() : Arrays.asList(formats.split(" ")));
  }

  /** {@code BUNDLE 0 1}; other group semantics (LS, FID) are no concern of an audio-only answer. */
  private static Optional<List<String>> bundleGroup(String value) {
    String[] parts = value.strip().split("\\s+");
    if (!"BUNDLE".equals(parts[0])) {
      return Optional.empty();
    }
    return Optional.of(List.of(Arrays.copyOfRange(parts, 1, parts.length)));
  }

  private record MLine(String mediaType, int port, String protocol, List<String> formats) {
  }

  /** The attributes of the session or of one m-section, as read; null fields are "not said here". */
  private static final class Section {
    final MLine mLine;
    String mid;
    String ufrag;
    String pwd;
    List<String> iceOptions;
    List<DtlsFingerprint> fingerprints;
    boolean sawFingerprint;
    DtlsSetup setup;
    Direction direction;
    boolean rtcpMux;
    boolean bundleOnly;
    final Map<Integer, Rtpmap> rtpmaps = new HashMap<>();
    final Map<Integer, Map<String, String>> fmtps = new HashMap<>();
    final List<IceCandidate> candidates = new ArrayList<>();

    Section(MLine mLine) {
      this.mLine = mLine;
    }

    void attribute(String attribute) throws WebRtcSdpException {
      int colon = attribute.indexOf(':');
      String name = (colon < 0 ? attribute : attribute.substring(0, colon)).toLowerCase(Locale.ROOT);
      String value = colon < 0 ? "" : attribute.substring(colon + 1).strip();
      switch (name) {
        case "mid" -> mid = value;
        case "ice-ufrag" -> ufrag = value;
        case "ice-pwd" -> pwd = value;
        case "ice-options" -> iceOptions = List.of(value.split("\\s+"));
        case "fingerprint" -> {
          if (fingerprints == null) {
            fingerprints = new ArrayList<>();
          }
          sawFingerprint = true;
          DtlsFingerprint.parse(value).ifPresent(fingerprints::add);
        }
        case "setup" -> setup = DtlsSetup.parse(value)
            .orElseThrow(() -> new WebRtcSdpException("a=setup:" + value
            + " is none of actpass, active, passive, holdconn"));
        case "rtcp-mux" -> rtcpMux = true;
        case "bundle-only" -> bundleOnly = true;
        case "candidate" -> IceCandidate.parse(value).ifPresent(candidates::add);
        case "rtpmap" -> Rtpmap.parse(value).ifPresent(r -> rtpmaps.putIfAbsent(r.payloadType(), r));
        case "fmtp" -> fmtp(value);
        default -> direction = Direction.fromAttribute(name).orElse(direction);
      }
    }

    /** {@code a=fmtp:111 minptime=10;useinbandfec=1}; a parameter without '=' (0-15) is kept as a key. */
    private void fmtp(String value) {
      String[] ptAndParams = value.split("\\s+", 2);
      Map<String, String> params = new HashMap<>();
      if (ptAndParams.length == 2) {
        for (String p : ptAndParams[1].split(";")) {
          int eq = p.indexOf('=');
          if (eq < 0) {
            params.put(p.strip(), "");
          } else {
            params.put(p.substring(0, eq).strip().toLowerCase(Locale.ROOT), p.substring(eq + 1).strip());
          }
        }
      }
      try {
        fmtps.putIfAbsent(Integer.parseInt(ptAndParams[0]), params);
      } catch (NumberFormatException e) {
        // not an RTP payload type: nothing the audio answer uses
      }
    }

    OfferedMedia toMedia(Section session) {
      OpusFormat opus = null;
      List<TelephoneEventFormat> events = new ArrayList<>();
      for (String f : mLine.formats) {
        Rtpmap r = payloadType(f) < 0 ? null : rtpmaps.get(payloadType(f));
        if (r == null) {
          continue;
        }
        if (opus == null && r.isOpus()) {
          opus = OpusFormat.of(r.payloadType(), fmtps.getOrDefault(r.payloadType(), Map.of()));
        } else if (r.isTelephoneEvent()) {
          events.add(new TelephoneEventFormat(r.payloadType(), r.clockRate()));
        }
      }
      return new OfferedMedia(mLine.mediaType, mLine.port, mLine.protocol, mLine.formats, mid,
          ufrag != null ? ufrag : session.ufrag, pwd != null ? pwd : session.pwd,
          iceOptions != null ? iceOptions : session.iceOptions != null ? session.iceOptions : List.of(),
          sawFingerprint ? fingerprints : session.sawFingerprint ? session.fingerprints : List.of(),
          setup != null ? setup : session.setup, rtcpMux, bundleOnly,
          direction != null ? direction : session.direction != null ? session.direction : Direction.SENDRECV,
          opus, events, candidates);
    }

    private static int payloadType(String format) {
      if (format.isEmpty() || format.length() > 3 || !format.chars().allMatch(Character::isDigit)) {
        return -1;
      }
      int pt = Integer.parseInt(format);
      return pt <= 127 ? pt : -1;
    }
  }
}
