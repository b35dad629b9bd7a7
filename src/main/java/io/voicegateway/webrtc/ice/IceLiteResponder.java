package io.voicegateway.webrtc.ice;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The ICE-lite side of one WebRTC leg (RFC 8445 §2.5): it sends no checks, it answers the browser's. A lite agent is
 * always the controlled one (RFC 8445 §6.1.1), so the browser must say ICE-CONTROLLING, and the pair it nominates
 * with USE-CANDIDATE is where media goes.
 *
 * <p>Each datagram the demux calls STUN goes to {@link #handle}, which answers per RFC 5389 §7.3 and §10.1.2 (via
 * RFC 8445 §7.3): our USERNAME is {@code localUfrag:remoteUfrag} (RFC 8445 §7.2.2, the receiver's fragment first) and
 * the MESSAGE-INTEGRITY key is our password. Not thread-safe: one per leg, on its transport's thread.
 */
public final class IceLiteResponder {
  private final byte[] expectedUsername;
  private final byte[] key;
  private InetSocketAddress nominated;
  private long nominatedPriority = -1;

  /**
   * @param localUfrag  our a=ice-ufrag, from the answer
   * @param localPwd    our a=ice-pwd, the integrity key of checks and responses
   * @param remoteUfrag the browser's a=ice-ufrag, from the offer
   */
  public IceLiteResponder(String localUfrag, String localPwd, String remoteUfrag) {
    if (localUfrag.isEmpty() || remoteUfrag.isEmpty() || localPwd.isEmpty()) {
      throw new IllegalArgumentException("ICE ufrag and pwd must not be empty");
    }
    this.expectedUsername = (localUfrag + ":" + remoteUfrag).getBytes(StandardCharsets.UTF_8);
    this.key = StunCrypto.shortTermKey(localPwd);
  }

  /** The browser's address of the nominated pair, or null before a check with USE-CANDIDATE succeeded. */
  public InetSocketAddress nominated() {
    return nominated;
  }

  /**
   * Answers one datagram from {@code source}.
   *
   * @return the outcome and, unless dropped, the response to send to {@code source}
   */
  public CheckResult handle(byte[] datagram, int offset, int length, InetSocketAddress source) {
    StunMessage request;
    try {
      request = StunMessage.parse(datagram, offset, length);
    } catch (StunParseException e) {
      return CheckResult.dropped(e.getMessage()); // RFC 5389 §7.3: a malformed message is silently discarded
    }
    if (request.messageType() != Stun.BINDING_REQUEST) {
      // Binding indications are the browser's keepalives (RFC 8445 §11) and need no answer; we send no requests,
      // so any response is stray; other methods have no business on an ICE port.
      return CheckResult.dropped(String.format("message type 0x%04x is not a Binding request",
          request.messageType()));
    }
    if (request.hasFingerprint() && !request.fingerprintMatches()) {
      // RFC 5389 §7.3 and §8: a bad FINGERPRINT means this is not STUN but another protocol on the port; discard.
      return CheckResult.dropped("FINGERPRINT does not match");
    }
    if (!request.hasFingerprint()) {
      // RFC 8445 §7: "The FINGERPRINT mechanism MUST be used for connectivity checks". On a port shared with DTLS
      // and SRTP it is what tells a check from a stray packet, so without it the datagram is not taken for one.
      return CheckResult.dropped("a connectivity check without FINGERPRINT");
    }
    // RFC 5389 §10.1.2, which RFC 8445 §7.3 applies to checks: no USERNAME or no MESSAGE-INTEGRITY is 400; a
    // USERNAME we did not hand out or an integrity that does not verify is 401. These error responses carry no
    // MESSAGE-INTEGRITY (there is no key to prove) and are smaller than the request, so they amplify nothing.
    if (!request.has(Stun.USERNAME) || !request.hasIntegrity()) {
      return error(request, CheckOutcome.BAD_REQUEST, "Bad Request", false, "no USERNAME or MESSAGE-INTEGRITY");
    }
    if (!request.usernameIs(expectedUsername)) {
      return error(request, CheckOutcome.UNAUTHORIZED, "Unauthorized", false,
          "USERNAME " + request.username() + " is not ours");
    }
    if (!request.integrityMatches(key)) {
      return error(request, CheckOutcome.UNAUTHORIZED, "Unauthorized", false, "MESSAGE-INTEGRITY does not verify");
    }
    // RFC 5389 §7.3.1: once authenticated, unknown comprehension-required attributes get a 420 that lists them.
    int[] unknown = request.unknownRequiredAttributes();
    if (unknown.length > 0) {
      byte[] response = new StunMessageBuilder(Stun.BINDING_ERROR, request.transactionId())
          .addErrorCode(CheckOutcome.UNKNOWN_ATTRIBUTE.errorCode(), "Unknown Attribute")
          .addUnknownAttributes(unknown)
          .build(key, true);
      return new CheckResult(CheckOutcome.UNKNOWN_ATTRIBUTE, response, false, "unknown comprehension-required attribute");
    }
    Long controlling = request.iceControlling();
    Long controlled = request.iceControlled();
    if (controlled != null && controlling == null) {
      // RFC 8445 §7.3.1.1: a controlled agent receiving ICE-CONTROLLED either switches to controlling or answers
      // 487. A lite agent must stay controlled (§6.1.1), so it always takes the 487 branch, and the browser, a full
      // agent, switches to controlling and checks again.
      return error(request, CheckOutcome.ROLE_CONFLICT, "Role Conflict", true, "browser claims ICE-CONTROLLED");
    }
    if (controlling == null || controlled != null || request.priority() < 0) {
      // RFC 8445 §7.1.1–7.1.2: a check carries PRIORITY and exactly one of ICE-CONTROLLING/ICE-CONTROLLED.
      return error(request, CheckOutcome.BAD_REQUEST, "Bad Request", true,
          "a check needs PRIORITY and exactly one role attribute");
    }
    // RFC 8445 §7.3.2 (lite): a successful check with USE-CANDIDATE puts its pair in the valid list, nominated.
    boolean nominates = request.useCandidate();
    if (nominates) {
      nominate(source, request.priority());
    }
    byte[] response = new StunMessageBuilder(Stun.BINDING_SUCCESS, request.transactionId())
        .addXorMappedAddress(source)
        .build(key, true);
    return new CheckResult(CheckOutcome.ACCEPTED, response, nominates, nominates ? "nominated" : "check answered");
  }

  /**
   * A lite agent has a single host candidate, so pairs differ only by the browser's candidate. RFC 8445 §8.1.1: when
   * more than one pair is nominated, the agents use the one with the highest priority; among equals, the latest.
   */
  private void nominate(InetSocketAddress source, long priority) {
    if (nominated == null || priority >= nominatedPriority || nominated.equals(source)) {
      nominated = source;
      nominatedPriority = priority;
    }
  }

  private CheckResult error(StunMessage request, CheckOutcome outcome, String phrase, boolean authenticated,
      String reason) {
    byte[] response = new StunMessageBuilder(Stun.BINDING_ERROR, request.transactionId())
        .addErrorCode(outcome.errorCode(), phrase)
        .build(authenticated ? key : null, true);
    return new CheckResult(outcome, response, false, reason);
  }
}
