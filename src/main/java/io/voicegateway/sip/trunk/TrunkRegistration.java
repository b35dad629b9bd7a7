package io.voicegateway.sip.trunk;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.voicegateway.bus.TrunkRegistrationEvent;
import io.voicegateway.bus.TrunkState;
import io.voicegateway.config.MediaConfig;
import io.voicegateway.sip.stack.Tags;
import io.voicegateway.sip.auth.DigestChallenge;
import io.voicegateway.sip.auth.DigestClient;
import io.voicegateway.sip.stack.SipStackHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import javax.sip.header.Header;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Keeps one trunk registration ({@code media.registrations[]}) alive: REGISTER, answer a 401/407 once per
 * attempt with digest credentials (same Call-ID, next CSeq), refresh before the granted expiry, back off
 * exponentially after failures and timeouts, un-REGISTER on stop. When the registrar's Via
 * {@code received}/{@code rport} show a NAT, it re-registers with a Contact on that address and exposes it
 * as {@link #publicAddress()}. Every state change is published as a {@link TrunkRegistrationEvent}.
 * Used only on the SIP verticle's context (responses and timers arrive there), so it holds no locks.
 */
public final class TrunkRegistration {
  private static final Logger LOG = Logger.getLogger(TrunkRegistration.class.getName());

  private final Vertx vertx;
  private final MediaConfig.Registration reg;
  private final RegisterRequests requests;
  private final Function<Request, Future<Response>> sender;
  private final RegistrationSchedule schedule;
  private final Consumer<TrunkRegistrationEvent> publisher;
  private final LongSupplier clock;
  private final DigestClient digest;
  private final String callId;
  private final String fromTag;

  private long cseq;
  private String contact;
  private DigestChallenge challenge;
  private boolean proxyChallenge;
  private int requestedExpiry;
  private TrunkState state = TrunkState.REGISTERING;
  private long expiresAtMs;
  private String lastError;
  private long nextRetryAtMs;
  private long timerId = -1;
  private boolean stopped;

  /**
   * @param sender    sends a request outside any dialog; the future has the final response or fails on timeout
   * @param publisher receives each state change (the verticle publishes it on the bus)
   * @param clock     wall-clock ms, for the timestamps in the events
   */
  public TrunkRegistration(Vertx vertx, SipStackHandle sip, MediaConfig.Registration reg,
      Function<Request, Future<Response>> sender, RegistrationSchedule schedule,
      Consumer<TrunkRegistrationEvent> publisher, LongSupplier clock) {
    this.vertx = vertx;
    this.reg = reg;
    this.requests = new RegisterRequests(sip, reg);
    this.sender = sender;
    this.schedule = schedule;
    this.publisher = publisher;
    this.clock = clock;
    this.digest = DigestClient.create(reg.username() == null ? "" : reg.username(),
        reg.password() == null ? "" : reg.password());
    this.callId = sip.provider().getNewCallId().getCallId();
    this.fromTag = Tags.newTag();
    this.contact = ViaAddress.hostPort(requests.viaHost(), requests.viaPort());
    this.requestedExpiry = reg.expiry() > 0 ? reg.expiry() : 3600;
  }

  /** Sends the first REGISTER. */
  public void start() {
    attempt();
  }

  /** Cancels the timers and, when registered, removes the binding with {@code Expires: 0}. Never fails. */
  public Future<Void> stop() {
    stopped = true;
    cancelTimer();
    boolean bound = expiresAtMs > clock.getAsLong(); // also mid-refresh: the binding still stands
    move(TrunkState.STOPPED, null, 0);
    expiresAtMs = 0;
    if (!bound) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    send(contact, 0, 0, false, response -> done.tryComplete(), err -> done.tryComplete());
    return done.future();
  }

  public TrunkState state() {
    return state;
  }

  /** {@code host:port} our Contact uses: the address the registrar saw us at once it told us (NAT), else ours. */
  public String publicAddress() {
    return contact;
  }

  /** The current state as the event published for it. */
  public TrunkRegistrationEvent snapshot() {
    return new TrunkRegistrationEvent(reg.uri(), state, expiresAtMs, lastError, nextRetryAtMs, contact,
        clock.getAsLong());
  }

  private void attempt() {
    if (stopped) {
      return;
    }
    if (expiresAtMs <= clock.getAsLong()) {
      // a refresh while the binding still stands stays REGISTERED: the API should not flap every refresh
      move(TrunkState.REGISTERING, lastError, 0);
    }
    send(contact, requestedExpiry, 0, false, this::onFinal, err -> failed("no answer: " + err.getMessage()));
  }

  /**
   * Sends one REGISTER. A challenge is answered once per attempt (twice when the second says the nonce went
   * stale), a 423 once with the registrar's Min-Expires; anything else goes to {@code onFinal}.
   *
   * @param bind    {@code host:port} of the Contact to bind (or remove, with expiry 0)
   * @param challenges   how many challenges this attempt has already answered
   * @param raisedExpiry whether this attempt already followed a 423 (registrars often send it after the auth)
   */
  private void send(String bind, int expiry, int challenges, boolean raisedExpiry, Consumer<Response> onFinal,
      Consumer<Throwable> onError) {
    Request request;
    try {
      request = requests.register(callId, fromTag, ++cseq, expiry, bind, credentials());
    } catch (Exception e) {
      onError.accept(e);
      return;
    }
    sender.apply(request).onComplete(ar -> {
      if (ar.failed()) {
        onError.accept(ar.cause());
        return;
      }
      Response response = ar.result();
      int status = response.getStatusCode();
      if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
          && learnChallenge(response, challenges)) {
        send(bind, expiry, challenges + 1, raisedExpiry, onFinal, onError);
      } else if (status == Response.INTERVAL_TOO_BRIEF && !raisedExpiry && expiry > 0
          && response.getHeader(MinExpiresHeader.NAME) instanceof MinExpiresHeader min) {
        requestedExpiry = min.getExpires();
        send(bind, requestedExpiry, challenges, true, onFinal, onError);
      } else {
        onFinal.accept(response);
      }
    });
  }

  /**
   * Takes the challenge to answer; false when we must not answer it (a second one for this attempt without
   * {@code stale=true}: the credentials were refused; or a third one).
   */
  private boolean learnChallenge(Response response, int answered) {
    boolean proxy = response.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
    List<String> values = new ArrayList<>();
    for (var it = response.getHeaders(proxy ? "Proxy-Authenticate" : "WWW-Authenticate"); it.hasNext(); ) {
      String text = ((Header) it.next()).toString();
      values.add(text.substring(text.indexOf(':') + 1).trim());
    }
    DigestChallenge picked = DigestClient.pickChallenge(values).orElse(null);
    boolean noAccount = reg.username() == null || reg.username().isBlank();
    if (picked == null || noAccount || answered > 1 || (answered == 1 && !picked.stale())) {
      challenge = null; // refused or unanswerable: the next attempt starts without stale credentials
      return false;
    }
    challenge = picked;
    proxyChallenge = proxy;
    return true;
  }

  /** Credentials for the last challenge, reused pre-emptively on refreshes (nc counts up). */
  private String[] credentials() {
    if (challenge == null) {
      return null;
    }
    String value = digest.authorize(challenge, Request.REGISTER, requests.registrarUri()).toHeaderValue();
    return new String[] {proxyChallenge ? "Proxy-Authorization" : "Authorization", value};
  }

  private void onFinal(Response response) {
    if (stopped) {
      return;
    }
    int status = response.getStatusCode();
    if (status < 200 || status >= 300) {
      failed(status + " " + response.getReasonPhrase());
      return;
    }
    String seen = seenAddress(response);
    if (seen != null && !seen.equals(contact)) {
      // the registrar reaches us elsewhere (NAT): drop the unreachable binding, then bind the address it saw.
      // One after the other: RFC 3261 §10.2 allows no second REGISTER on a Call-ID while one is pending.
      LOG.info(() -> "trunk " + reg.uri() + ": registrar sees us at " + seen + ", re-registering with that Contact");
      String unreachable = contact;
      contact = seen;
      send(unreachable, 0, 0, false, r -> attempt(), err -> attempt());
      return;
    }
    int granted = requests.grantedExpiry(response, contact, requestedExpiry);
    schedule.succeeded();
    lastError = null;
    expiresAtMs = clock.getAsLong() + granted * 1000L;
    move(TrunkState.REGISTERED, null, 0);
    timerId = vertx.setTimer(schedule.refreshDelayMs(granted), id -> attempt());
  }

  /** The address in the response's Via received/rport when it differs from the one we sent, else null. */
  private String seenAddress(Response response) {
    if (!(response.getHeader(ViaHeader.NAME) instanceof ViaHeader via)) {
      return null;
    }
    return ViaAddress.learned(requests.viaHost(), requests.viaPort(), via.getReceived(), via.getRPort())
        .orElse(null);
  }

  private void failed(String error) {
    if (stopped) {
      return;
    }
    long delay = schedule.failed();
    LOG.warning(() -> "trunk " + reg.uri() + " registration failed (" + error + "); retry in " + delay + " ms");
    expiresAtMs = 0;
    move(TrunkState.FAILED, error, clock.getAsLong() + delay);
    timerId = vertx.setTimer(delay, id -> attempt());
  }

  private void move(TrunkState next, String error, long retryAt) {
    state = next;
    lastError = error;
    nextRetryAtMs = retryAt;
    publisher.accept(snapshot());
  }

  private void cancelTimer() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }
}
