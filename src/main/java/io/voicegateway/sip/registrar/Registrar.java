package io.voicegateway.sip.registrar;

import gov.nist.javax.sip.header.SIPHeader;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TimeZone;
import java.util.logging.Logger;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The registrar for devices (RFC 3261 §10.3): digest authentication against the {@link DeviceDirectory},
 * then add, refresh, remove or list the device's contact bindings. Pure request-in, response-out so it is
 * tested without a network; the SIP verticle sends the response on the transaction. Used on the SIP context.
 */
public final class Registrar {
  private static final Logger LOG = Logger.getLogger(Registrar.class.getName());

  private final DeviceAuthenticator devices;
  private final Bindings bindings;
  private final RegistrarPolicy policy;
  private final MessageFactory messages;
  private final HeaderFactory headers;
  private final AddressFactory addresses;
  /** device id → when its last accepted REGISTER was answered (the bindings' clock), for the API. */
  private final Map<String, Long> lastSeen = new HashMap<>();

  /**
   * @param devices  the digest check, shared with the INVITE path (one nonce space, one failure budget)
   * @param bindings the location service, shared with INVITE source recognition and the qualifier
   */
  public Registrar(DeviceAuthenticator devices, Bindings bindings, RegistrarPolicy policy, MessageFactory messages,
      HeaderFactory headers, AddressFactory addresses) {
    this.devices = devices;
    this.bindings = bindings;
    this.policy = policy;
    this.messages = messages;
    this.headers = headers;
    this.addresses = addresses;
  }

  /** False when no device is configured: REGISTER is then not served at all. */
  public boolean enabled() {
    return !devices.directory().isEmpty();
  }

  /**
   * The live contacts of a device named by id or extension, for forking (in a cluster with those other nodes took
   * that this one can reach, {@link Bindings#ofAnyNode}); empty when unknown or unregistered.
   */
  public List<Binding> contactsOf(String deviceIdOrExtension) {
    return devices.directory().byIdOrExtension(deviceIdOrExtension).map(d -> bindings.ofAnyNode(d.id()))
        .orElse(List.of());
  }

  /** The Request-URI of an INVITE to one of {@link #contactsOf}: see {@link Bindings#requestUri}. */
  public String requestUri(Binding binding) {
    return bindings.requestUri(binding);
  }

  /** When the device (by id or extension) last registered successfully, on the bindings' clock; empty if never. */
  public OptionalLong lastSeen(String deviceIdOrExtension) {
    Long at = devices.directory().byIdOrExtension(deviceIdOrExtension).map(d -> lastSeen.get(d.id())).orElse(null);
    return at == null ? OptionalLong.empty() : OptionalLong.of(at);
  }

  /**
   * A connection a device registered over closed (a browser's WebSocket): its bindings there go at once, since
   * nothing can reach the device over that connection again and a new one registers afresh (RFC 7118 §5).
   */
  public List<Binding> connectionClosed(Source source) {
    List<Binding> gone = bindings.removeAtSource(source);
    gone.forEach(b -> LOG.info(() -> b.deviceId() + " unregistered: its connection " + source + " closed"));
    return gone;
  }

  /** The final response to a REGISTER that came from {@code source}. */
  public Response handle(Request register, Source source) {
    Auth auth = authenticate(register, source);
    return auth.device() != null ? update(register, auth.device(), source) : auth.refusal();
  }

  /** Either the authenticated device or the response that ends the exchange. */
  private record Auth(Device device, Response refusal) {
    static Auth refused(Response r) {
      return new Auth(null, r);
    }
  }

  private Auth authenticate(Request register, Source source) {
    AuthorizationHeader auth = (AuthorizationHeader) register.getHeader(AuthorizationHeader.NAME);
    if (auth != null && !"Digest".equalsIgnoreCase(auth.getScheme())) {
      auth = null; // a scheme we do not speak is no credentials: challenge afresh, 401 (RFC 4475 §3.4.1 regaut01)
    }
    DeviceAuthenticator.Verdict verdict = devices.check(register,
        auth == null ? null : ((SIPHeader) auth).getHeaderValue(), source);
    return switch (verdict.outcome()) {
      case BLOCKED -> Auth.refused(reply(register, Response.FORBIDDEN, "Forbidden (too many failed attempts)"));
      case CHALLENGE -> Auth.refused(challenge(register, source, false));
      case STALE -> Auth.refused(challenge(register, source, true));
      case FORBIDDEN -> Auth.refused(reply(register, Response.FORBIDDEN, "Forbidden"));
      case MALFORMED -> Auth.refused(reply(register, Response.BAD_REQUEST, "Bad Request (" + verdict.detail() + ")"));
      case AUTHENTICATED -> ownAddressOfRecord(register, verdict.device());
    };
  }

  /** A device registers only its own address of record (its username or extension). */
  private Auth ownAddressOfRecord(Request register, Device d) {
    String aor = aorUser(register);
    if (!d.username().equals(aor) && !aor.equals(d.extension())) {
      return Auth.refused(reply(register, Response.FORBIDDEN, "Forbidden (not your address of record)"));
    }
    return new Auth(d, null);
  }

  /** §10.3 steps 6-8: validate every contact first, then apply them all, then list what is bound. */
  private Response update(Request register, Device device, Source source) {
    String callId = ((CallIdHeader) register.getHeader(CallIdHeader.NAME)).getCallId();
    long cseq = ((CSeqHeader) register.getHeader(CSeqHeader.NAME)).getSeqNumber();
    ExpiresHeader expiresHeader = register.getExpires();
    List<ContactHeader> contacts = new ArrayList<>();
    ListIterator<?> it = register.getHeaders(ContactHeader.NAME);
    while (it.hasNext()) {
      contacts.add((ContactHeader) it.next());
    }
    if (contacts.stream().anyMatch(ContactHeader::isWildCard)) {
      if (contacts.size() != 1 || expiresHeader == null || expiresHeader.getExpires() != 0) {
        return reply(register, Response.BAD_REQUEST, "Bad Request (Contact: * needs Expires: 0 and no other contact)");
      }
      bindings.removeAll(device.id());
      return ok(register, device);
    }
    List<Long> intervals = new ArrayList<>();
    for (ContactHeader contact : contacts) {
      long requested = contact.getExpires() >= 0 ? contact.getExpires()
          : expiresHeader != null ? expiresHeader.getExpires() : policy.defaultExpires();
      if (requested > 0 && requested < policy.minExpires()) {
        Response tooBrief = reply(register, Response.INTERVAL_TOO_BRIEF, "Interval Too Brief");
        try {
          tooBrief.addHeader(headers.createMinExpiresHeader((int) policy.minExpires()));
        } catch (javax.sip.InvalidArgumentException e) {
          throw new IllegalStateException(e);
        }
        return tooBrief;
      }
      String uri = contact.getAddress().getURI().toString();
      Optional<Binding> existing = bindings.get(device.id(), uri);
      if (existing.isPresent() && existing.get().callId().equals(callId) && existing.get().cseq() >= cseq) {
        return reply(register, Response.SERVER_INTERNAL_ERROR, "Server Internal Error (REGISTER out of order)");
      }
      intervals.add(Math.min(requested, policy.maxExpires()));
    }
    long added = contacts.stream().map(c -> c.getAddress().getURI().toString())
        .filter(uri -> bindings.get(device.id(), uri).isEmpty()).count();
    if (bindings.of(device.id()).size() + added > policy.maxContacts()) {
      return reply(register, Response.FORBIDDEN, "Forbidden (too many contacts)");
    }
    for (int i = 0; i < contacts.size(); i++) {
      String uri = contacts.get(i).getAddress().getURI().toString();
      long expires = intervals.get(i);
      if (expires == 0) {
        bindings.remove(device.id(), uri);
      } else {
        bindings.put(device.id(), uri, expires, callId, cseq, source);
      }
    }
    if (!contacts.isEmpty()) {
      LOG.fine(() -> device.id() + " from " + source + " now has " + bindings.of(device.id()).size() + " binding(s)");
    }
    return ok(register, device);
  }

  /** 200 listing every live binding with its remaining seconds (§10.3 step 8). */
  private Response ok(Request register, Device device) {
    lastSeen.put(device.id(), bindings.nowMs());
    Response ok = reply(register, Response.OK, null);
    long now = bindings.nowMs();
    try {
      for (Binding b : bindings.of(device.id())) {
        ContactHeader contact = headers.createContactHeader(addresses.createAddress(addresses.createURI(b.contact())));
        contact.setExpires((int) b.remainingSeconds(now));
        ok.addHeader(contact);
      }
      ok.addHeader(headers.createDateHeader(Calendar.getInstance(TimeZone.getTimeZone("GMT"))));
    } catch (ParseException | javax.sip.InvalidArgumentException e) {
      throw new IllegalStateException("a stored contact no longer parses", e);
    }
    return ok;
  }

  private Response challenge(Request register, Source source, boolean stale) {
    Response r = reply(register, Response.UNAUTHORIZED, null);
    try {
      r.addHeader(headers.createHeader("WWW-Authenticate", devices.challenge(source, stale).toHeaderValue()));
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
    return r;
  }

  private static String aorUser(Request register) {
    ToHeader to = (ToHeader) register.getHeader(ToHeader.NAME);
    return to.getAddress().getURI() instanceof SipURI sip && sip.getUser() != null ? sip.getUser() : "";
  }

  private Response reply(Request register, int status, String reason) {
    return FinalResponses.create(messages, register, status, reason);
  }
}
