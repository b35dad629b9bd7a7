package io.voicegateway.sip;

import gov.nist.javax.sip.header.SIPHeader;
import io.voicegateway.control.route.CallSource;
import io.voicegateway.control.route.SourceClassifier;
import io.voicegateway.sip.registrar.Bindings;
import io.voicegateway.sip.registrar.DeviceAuthenticator;
import io.voicegateway.sip.registrar.FinalResponses;
import io.voicegateway.sip.registrar.Source;
import io.voicegateway.sip.trunk.ProviderRegistrations;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.ParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Who is calling: decides, for an initial INVITE, whether it comes from a trunk, an authenticated device or
 * an unknown source, or must first be answered with a challenge or a refusal. In order:
 * <ol>
 *   <li>credentials of our realm (Proxy-Authorization, else Authorization) are checked with the registrar's
 *       digest server and failure throttle: right → DEVICE; stale nonce → 407 {@code stale=true}; a nonce we
 *       did not issue to this source address, or a nonce-count already used (a replay) → 407; wrong password or unknown user → 403 (counted); a blocked source → 403;</li>
 *   <li>a source that is the NAT address and port of a live binding → 407 (a device shares a trunk's IP only
 *       by accident: on a loopback test bed, or a PBX host; its port tells it apart);</li>
 *   <li>a source address in a provider's {@code inbound_ips} → TRUNK;</li>
 *   <li>a Request-URI user that is the Contact user of one of our registrations, from that trunk's host →
 *       TRUNK ("recognised by the registration it arrives on");</li>
 *   <li>a blocked source → 403; a From user naming a configured device, or a source that is the NAT
 *       address of a live binding → 407 (a device must prove itself: it may dial trunks);</li>
 *   <li>anything else → UNKNOWN (which the router lets reach only {@code from: any} inbound routes).</li>
 * </ol>
 * Pure request-in, decision-out, used on the SIP context.
 */
public final class InviteAuthenticator {
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

  /**
   * Either the caller ({@link #source()} set) or the final response to send on the INVITE's server
   * transaction ({@link #refusal()} set: 407 with Proxy-Authenticate, 403, or 400), never both.
   */
  public record Decision(CallSource source, Response refusal) {
    public boolean admitted() {
      return source != null;
    }
  }

  private final DeviceAuthenticator devices;
  private final Bindings bindings;
  private final SourceClassifier trunks;
  private final ProviderRegistrations registrations;
  private final MessageFactory messages;
  private final HeaderFactory headers;

  /**
   * @param devices       the registrar's digest check (same nonces, same failure throttle)
   * @param bindings      the registrar's location service (a live binding's NAT source names its device)
   * @param trunks        providers by {@code inbound_ips}
   * @param registrations our registrations with trunks
   */
  public InviteAuthenticator(DeviceAuthenticator devices, Bindings bindings, SourceClassifier trunks,
      ProviderRegistrations registrations, MessageFactory messages, HeaderFactory headers) {
    this.devices = devices;
    this.bindings = bindings;
    this.trunks = trunks;
    this.registrations = registrations;
    this.messages = messages;
    this.headers = headers;
  }

  /** @param source where the INVITE really came from ({@code SourceOf.request(invite, st)}) */
  public Decision authenticate(Request invite, Source source) {
    InetAddress address = literal(source.host());
    Optional<String> trunkByAddress = address == null ? Optional.empty() : trunks.trunkOf(address);
    String credentials = credentials(invite);
    // a trunk's own credentials for some other realm are not a device's failed login
    if (credentials != null && (trunkByAddress.isEmpty() || devices.forUs(credentials))) {
      DeviceAuthenticator.Verdict v = devices.check(invite, credentials, source);
      return switch (v.outcome()) {
        case AUTHENTICATED -> admit(CallSource.device(v.device().id()));
        case CHALLENGE -> refuse(challenge(invite, source, false));
        case STALE -> refuse(challenge(invite, source, true));
        case FORBIDDEN -> refuse(reply(invite, Response.FORBIDDEN, "Forbidden"));
        case BLOCKED -> refuse(reply(invite, Response.FORBIDDEN, "Forbidden (too many failed attempts)"));
        case MALFORMED -> refuse(reply(invite, Response.BAD_REQUEST, "Bad Request (" + v.detail() + ")"));
      };
    }
    if (bindings.atSource(source).isPresent() && !devices.blocked(source)) {
      // a device registered from this very address and port: it proves itself even on a trunk's IP
      return refuse(challenge(invite, source, false));
    }
    if (trunkByAddress.isPresent()) {
      return admit(CallSource.trunk(trunkByAddress.get()));
    }
    Optional<String> trunkByRegistration = registrations.providerFor(requestUriUser(invite), address);
    if (trunkByRegistration.isPresent()) {
      return admit(CallSource.trunk(trunkByRegistration.get()));
    }
    if (devices.blocked(source)) {
      return refuse(reply(invite, Response.FORBIDDEN, "Forbidden (too many failed attempts)"));
    }
    if (claimsDevice(invite, source)) {
      return refuse(challenge(invite, source, false));
    }
    return admit(CallSource.unknown());
  }

  /** The From user is a device's username or extension, or the source is where a device registered from. */
  private boolean claimsDevice(Request invite, Source source) {
    String fromUser = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI() instanceof SipURI uri
        ? uri.getUser() : null;
    if (fromUser != null && (devices.directory().byUsername(fromUser).isPresent()
        || devices.directory().byIdOrExtension(fromUser).isPresent())) {
      return true;
    }
    return bindings.atSource(source).isPresent();
  }

  private static String credentials(Request invite) {
    Header h = invite.getHeader("Proxy-Authorization");
    if (h == null) {
      h = invite.getHeader("Authorization");
    }
    return h instanceof SIPHeader sip ? sip.getHeaderValue() : null;
  }

  private static String requestUriUser(Request invite) {
    return invite.getRequestURI() instanceof SipURI uri ? uri.getUser() : null;
  }

  /** The source host as an address when it is an IP literal (it always is for a socket peer); never DNS. */
  static InetAddress literal(String host) {
    if (host == null || !IP_LITERAL.matcher(host).matches()) {
      return null;
    }
    try {
      return InetAddress.getByName(host.replace("[", "").replace("]", ""));
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static Decision admit(CallSource source) {
    return new Decision(source, null);
  }

  private static Decision refuse(Response response) {
    return new Decision(null, response);
  }

  /** 407 with a fresh Proxy-Authenticate: as a PBX does, the gateway authenticates calls as the phones' proxy. */
  private Response challenge(Request invite, Source source, boolean stale) {
    Response r = reply(invite, Response.PROXY_AUTHENTICATION_REQUIRED, null);
    try {
      r.addHeader(headers.createHeader("Proxy-Authenticate", devices.challenge(source, stale).toHeaderValue()));
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
    return r;
  }

  private Response reply(Request invite, int status, String reason) {
    return FinalResponses.create(messages, invite, status, reason);
  }

}
