package io.voicegateway.sip.registrar;

import io.voicegateway.sip.auth.DigestChallenge;
import io.voicegateway.sip.auth.DigestCredentials;
import io.voicegateway.sip.auth.DigestServer;
import io.voicegateway.sip.auth.DigestVerdict;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sip.message.Request;

/**
 * Digest authentication of a device for any request (REGISTER, INVITE): one {@link DigestServer} and one
 * {@link AuthThrottle} shared by the registrar and the INVITE path, so a nonce issued on a 401 to a REGISTER
 * also answers a 407 to an INVITE and failures count against one budget per source. Says what happened;
 * turning that into a 401, 407 or 403 is the caller's job. Used on the SIP context only.
 */
public final class DeviceAuthenticator {
  private static final Logger LOG = Logger.getLogger(DeviceAuthenticator.class.getName());

  /** What became of a request's credentials. */
  public enum Outcome {
    /** Right password on a live nonce: {@link Verdict#device()} is set. */
    AUTHENTICATED,
    /**
     * No credentials, a nonce we did not make for this source (from before a restart, or captured and replayed
     * from elsewhere), or a nonce-count already used (a replay from the same source): challenge afresh.
     */
    CHALLENGE,
    /** Right password on an expired nonce: challenge with {@code stale=true}. */
    STALE,
    /** Wrong password or unknown user (counted by the throttle): 403. */
    FORBIDDEN,
    /** The source failed too often lately: 403 without a challenge, so a guesser gets no fresh nonce. */
    BLOCKED,
    /** Credentials that do not parse, or whose digest uri is not the Request-URI: 400. */
    MALFORMED
  }

  /**
   * @param device the authenticated device (AUTHENTICATED only)
   * @param detail why, for a MALFORMED reason phrase or a log line; null otherwise
   */
  public record Verdict(Outcome outcome, Device device, String detail) {
    static Verdict of(Outcome outcome) {
      return new Verdict(outcome, null, null);
    }
  }

  private final DeviceDirectory directory;
  private final DigestServer digest;
  private final AuthThrottle throttle;
  private Consumer<String> failures = host -> { };

  public DeviceAuthenticator(DeviceDirectory directory, DigestServer digest, AuthThrottle throttle) {
    this.directory = directory;
    this.digest = digest;
    this.throttle = throttle;
  }

  /**
   * Also tells {@code failures} the host of every wrong password or unknown user (the SIP guards ban a host that
   * keeps failing, before its requests are parsed). Replays and foreign nonces are not failures.
   */
  public void reportFailuresTo(Consumer<String> failures) {
    this.failures = failures;
  }

  public DeviceDirectory directory() {
    return directory;
  }

  /** True while {@code source} must get 403 without a challenge. */
  public boolean blocked(Source source) {
    return throttle.blocked(source.host());
  }

  /** A fresh challenge of our realm whose nonce is good only from {@code source}'s address. */
  public DigestChallenge challenge(Source source, boolean stale) {
    return digest.challenge(source.host(), stale);
  }

  /** True when {@code credentialsValue} parses and names our realm (so it was meant for us). */
  public boolean forUs(String credentialsValue) {
    try {
      return digest.realm().equals(DigestCredentials.parse(credentialsValue).realm());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Checks the credentials a request carries for {@code method}.
   *
   * @param credentialsValue the value of its Authorization or Proxy-Authorization header; null when absent
   */
  public Verdict check(Request request, String credentialsValue, Source source) {
    if (throttle.blocked(source.host())) {
      return Verdict.of(Outcome.BLOCKED);
    }
    if (credentialsValue == null) {
      return Verdict.of(Outcome.CHALLENGE);
    }
    DigestCredentials credentials;
    try {
      credentials = DigestCredentials.parse(credentialsValue);
    } catch (IllegalArgumentException e) {
      return new Verdict(Outcome.MALFORMED, null, e.getMessage());
    }
    if (!digest.issued(credentials.nonce(), source.host())) {
      // another server's, a previous run's, or another address's nonce: not a wrong password, and no binding
      LOG.fine(() -> request.getMethod() + " from " + source + ": a nonce not issued to it, challenged afresh");
      return Verdict.of(Outcome.CHALLENGE);
    }
    Optional<Device> device = directory.byUsername(credentials.username());
    DigestVerdict verdict = device.map(d -> digest.verify(credentials, request.getMethod(), d.password(),
        source.host())).orElse(DigestVerdict.INVALID);
    if (verdict == DigestVerdict.INVALID) {
      throttle.failed(source.host());
      failures.accept(source.host());
      LOG.info(() -> request.getMethod() + " as " + credentials.username() + " from " + source
          + ": authentication failed");
      return Verdict.of(Outcome.FORBIDDEN);
    }
    if (verdict == DigestVerdict.STALE) {
      return Verdict.of(Outcome.STALE);
    }
    if (verdict == DigestVerdict.REPLAYED) {
      // not counted as a failure: a spoofed replay must not get the real device blocked
      LOG.fine(() -> request.getMethod() + " from " + source + ": nonce-count " + credentials.nc() + " reused");
      return Verdict.of(Outcome.CHALLENGE);
    }
    throttle.succeeded(source.host());
    if (!credentials.uri().equalsIgnoreCase(request.getRequestURI().toString())) {
      return new Verdict(Outcome.MALFORMED, null, "digest uri is not the Request-URI");
    }
    return new Verdict(Outcome.AUTHENTICATED, device.get(), null);
  }
}
