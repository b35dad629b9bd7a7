package io.voicegateway.sip;

import gov.nist.javax.sip.message.Content;
import gov.nist.javax.sip.message.SIPMessage;
import io.voicegateway.sip.stack.MalformedSip;
import java.text.ParseException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sip.header.AcceptHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ProxyRequireHeader;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * The semantic checks a UAS makes on a request that parsed (RFC 3261 §8.2), in the RFC's order: SIP version (505), mandatory
 * headers and CSeq (400), Request-URI scheme (416), extensions (420), body type (415), Accept (406). Pure: it only reads the request and says which response to send instead of processing it, if any.
 * Method support (405/501) is left to the dialog layer, which knows what it implements.
 *
 * <p>What JAIN-SIP's parser hides is found on the raw bytes ({@code sip.stack.RawMessageCheck}): a duplicated
 * single-value header is refused there (RFC 4475 multi01, mcl01), and the version a request line really named is put
 * back for {@link #version} to answer 505 (badvers).
 */
public final class RequestChecks {

  /** Option tags we implement. {@code timer} (RFC 4028) is not among them yet. */
  public static final Set<String> DEFAULT_SUPPORTED_OPTIONS = Set.of("replaces");

  private static final Set<String> URI_SCHEMES = Set.of("sip", "sips", "tel");
  private static final String SDP = "application/sdp";
  private static final Map<String, String> ACCEPT_SDP = Map.of("Accept", SDP);

  private final Set<String> supportedOptions;

  /** @param supportedOptions option tags we implement, compared case-insensitively */
  public RequestChecks(Set<String> supportedOptions) {
    this.supportedOptions = supportedOptions.stream()
        .map(t -> t.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }

  public static RequestChecks defaults() {
    return new RequestChecks(DEFAULT_SUPPORTED_OPTIONS);
  }

  public Set<String> supportedOptions() {
    return supportedOptions;
  }

  /** The response to send instead of processing {@code request} as a UAS, or empty when it may proceed. */
  public Optional<RequestRejection> check(Request request) {
    return firstOf(
        version(request),
        missingHeaders(request),
        cseqMismatch(request),
        uriScheme(request),
        unsupportedExtensions(request),
        bodyType(request),
        acceptable(request));
  }

  /**
   * {@link #check} plus the loop guard for a request we are about to relay to another element: Max-Forwards 0
   * gets 483 Too Many Hops. As a plain UAS (apps, voicemail) Max-Forwards 0 is processed normally.
   */
  public Optional<RequestRejection> checkForwarding(Request request) {
    Optional<RequestRejection> uas = check(request);
    if (uas.isPresent()) {
      return uas;
    }
    MaxForwardsHeader mf = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
    if (mf != null && mf.getMaxForwards() <= 0) {
      return Optional.of(RequestRejection.of(483, "Too Many Hops"));
    }
    return Optional.empty();
  }

  @SafeVarargs
  private static Optional<RequestRejection> firstOf(Optional<RequestRejection>... results) {
    for (Optional<RequestRejection> r : results) {
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  /**
   * RFC 3261 §21.5.6 / RFC 4475 §3.3.7 (badvers): a request line naming another SIP version gets 505 (the raw-bytes check puts
   * the real version back where the parser wrote SIP/2.0).
   */
  private static Optional<RequestRejection> version(Request request) {
    if (request.getSIPVersion() != null && !"SIP/2.0".equalsIgnoreCase(request.getSIPVersion())) {
      // counted where it was parsed (CheckedParse): the stack itself answers it 505 before it reaches us
      return Optional.of(RequestRejection.of(505, "Version Not Supported"));
    }
    return Optional.empty();
  }

  private static Optional<RequestRejection> missingHeaders(Request request) {
    for (String name : new String[] {CallIdHeader.NAME, FromHeader.NAME, ToHeader.NAME, CSeqHeader.NAME,
        ViaHeader.NAME}) {
      if (request.getHeader(name) == null) {
        return Optional.of(RequestRejection.malformed(400, "Missing " + name + " Header",
            MalformedSip.Reason.MISSING_HEADER));
      }
    }
    return Optional.empty();
  }

  private static Optional<RequestRejection> cseqMismatch(Request request) {
    CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
    if (cseq != null && !request.getMethod().equals(cseq.getMethod())) {
      // counted where it was parsed (CheckedParse): the stack itself answers it 400 before it reaches us
      return Optional.of(RequestRejection.of(400, "CSeq Method Does Not Match Request Method"));
    }
    return Optional.empty();
  }

  private static Optional<RequestRejection> uriScheme(Request request) {
    String scheme = request.getRequestURI().getScheme();
    if (scheme == null || !URI_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
      return Optional.of(RequestRejection.of(416, "Unsupported URI Scheme"));
    }
    return Optional.empty();
  }

  /** RFC 3261 §8.2.2.3: ACK and CANCEL are never rejected for their Require values. */
  private Optional<RequestRejection> unsupportedExtensions(Request request) {
    String method = request.getMethod();
    if (Request.ACK.equals(method) || Request.CANCEL.equals(method)) {
      return Optional.empty();
    }
    Set<String> unsupported = new LinkedHashSet<>();
    collectUnsupported(request.getHeaders(RequireHeader.NAME), unsupported);
    collectUnsupported(request.getHeaders(ProxyRequireHeader.NAME), unsupported);
    if (unsupported.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RequestRejection(420, "Bad Extension",
        Map.of("Unsupported", String.join(", ", unsupported))));
  }

  private void collectUnsupported(ListIterator<?> headers, Set<String> into) {
    while (headers.hasNext()) {
      Object h = headers.next();
      String tag = h instanceof RequireHeader r ? r.getOptionTag()
          : h instanceof ProxyRequireHeader p ? p.getOptionTag() : null;
      if (tag != null && !tag.isBlank() && !supportedOptions.contains(tag.trim().toLowerCase(Locale.ROOT))) {
        into.add(tag.trim());
      }
    }
  }

  /** Only INVITE bodies are ours to understand; we speak SDP, alone or as a part of multipart/mixed. */
  private static Optional<RequestRejection> bodyType(Request request) {
    if (!Request.INVITE.equals(request.getMethod()) || !hasBody(request)) {
      return Optional.empty();
    }
    ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
    if (type == null) {
      return Optional.of(RequestRejection.malformed(400, "Body Without Content-Type", MalformedSip.Reason.BODY));
    }
    if (isSdp(type) || isMultipartMixed(type) && multipartHasSdp(request)) {
      return Optional.empty();
    }
    return Optional.of(new RequestRejection(415, "Unsupported Media Type", ACCEPT_SDP));
  }

  /** An INVITE's Accept must admit SDP, since our answer travels in its responses (RFC 3261 §8.2.3). */
  private static Optional<RequestRejection> acceptable(Request request) {
    if (!Request.INVITE.equals(request.getMethod())) {
      return Optional.empty();
    }
    ListIterator<?> accepts = request.getHeaders(AcceptHeader.NAME);
    if (accepts == null || !accepts.hasNext()) {
      return Optional.empty();
    }
    while (accepts.hasNext()) {
      AcceptHeader a = (AcceptHeader) accepts.next();
      if (admitsSdp(a.getContentType(), a.getContentSubType())) {
        return Optional.empty();
      }
    }
    return Optional.of(new RequestRejection(406, "Not Acceptable", ACCEPT_SDP));
  }

  private static boolean admitsSdp(String type, String subType) {
    boolean typeOk = type == null || "*".equals(type) || "application".equalsIgnoreCase(type);
    boolean subOk = subType == null || "*".equals(subType) || "sdp".equalsIgnoreCase(subType);
    // An empty Accept value parses with neither part and admits nothing.
    return (type != null || subType != null) && typeOk && subOk;
  }

  private static boolean hasBody(Request request) {
    byte[] raw = request.getRawContent();
    return raw != null && raw.length > 0;
  }

  private static boolean isSdp(ContentTypeHeader type) {
    return "application".equalsIgnoreCase(type.getContentType()) && "sdp".equalsIgnoreCase(type.getContentSubType());
  }

  private static boolean isMultipartMixed(ContentTypeHeader type) {
    return "multipart".equalsIgnoreCase(type.getContentType()) && "mixed".equalsIgnoreCase(type.getContentSubType());
  }

  private static boolean multipartHasSdp(Request request) {
    if (!(request instanceof SIPMessage message)) {
      return false;
    }
    try {
      Iterator<Content> parts = message.getMultipartMimeContent().getContents();
      while (parts.hasNext()) {
        ContentTypeHeader partType = parts.next().getContentTypeHeader();
        if (partType != null && isSdp(partType)) {
          return true;
        }
      }
      return false;
    } catch (ParseException | RuntimeException e) {
      return false; // an unreadable multipart body offers no SDP we could use
    }
  }
}
