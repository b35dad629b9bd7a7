package io.voicegateway.browser;

import io.vertx.core.Future;
import io.voicegateway.bus.WebRtcCommands;
import io.voicegateway.bus.WebRtcCommands.MediaState;
import io.voicegateway.bus.WebRtcCommands.PhoneCall;
import io.voicegateway.bus.WebRtcCommands.PhoneCallCreated;
import io.voicegateway.bus.WebRtcCommands.PhoneDecline;
import io.voicegateway.bus.WebRtcCommands.PhoneEvent;
import io.voicegateway.bus.WebRtcCommands.PhoneEventType;
import io.voicegateway.bus.WebRtcCommands.PhoneGone;
import io.voicegateway.bus.WebRtcCommands.PhoneRegister;
import io.voicegateway.bus.WebRtcCommands.PhoneRegistered;
import io.voicegateway.bus.WebRtcCommands.SessionAnswer;
import io.voicegateway.bus.WebRtcCommands.SessionClose;
import io.voicegateway.bus.WebRtcCommands.SessionLink;
import io.voicegateway.bus.WebRtcCommands.SessionLinked;
import io.voicegateway.bus.WebRtcCommands.SessionOffer;
import io.voicegateway.bus.WebRtcCommands.TransportState;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.Status;
import io.voicegateway.control.route.CallSource;
import io.voicegateway.control.route.Router;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The dashboard phone's requests, on call control's context: log in as a device, the three steps (a pending call, a
 * session from the page's offer, the link that wires one into the other or answers a call ringing the page), close,
 * decline, a page gone, and what the media says of a session's transport. Failures are {@link CallFailure}s whose
 * status is the HTTP one of {@code bus.WebRtcCommands}: 400, 403, 404, 409 (out of order), 503 (no port). A step that
 * fails leaves nothing half-built of the page's: its session's port is freed and the pending call it named removed.
 */
public final class BrowserSignalling {
  private static final Logger LOG = Logger.getLogger(BrowserSignalling.class.getName());
  /** Out of order (HTTP's 409; SIP has no such status): link before offer, a second link, an id in use. */
  static final int CONFLICT = 409;
  /** Page-chosen ids (session ids) are short tokens: they become part of a media call id. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  /** A number or extension as a route matches it (digits, letters such as "echo", * # +). */
  private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9*#+._-]{1,64}");

  private final BrowserParts parts;
  private final Router router;
  private final SessionLinking linking;

  BrowserSignalling(BrowserParts parts, Router router, SessionLinking linking) {
    this.parts = parts;
    this.router = router;
    this.linking = linking;
  }

  /** Logs the page in as a device, so routes ringing the device ring it; 404 no such device, 403 wrong password. */
  public Future<PhoneRegistered> register(PhoneRegister r) {
    return attempt(() -> {
      String owner = required(r.owner(), "owner");
      parts.phones().register(owner, required(r.device(), "device"), r.password());
      return new PhoneRegistered(owner, r.device());
    });
  }

  /**
   * Step 1: a pending call to {@code number}, routed once a session is linked to it (so as the device its page is
   * logged in as by then); 404 when no route serves the number even for a trusted caller, 403 when one matches but
   * refuses this page's device.
   */
  public Future<PhoneCallCreated> call(PhoneCall c) {
    return attempt(() -> {
      String number = required(c.number(), "number");
      if (!NUMBER.matcher(number).matches()) {
        throw CallFailure.of(Status.BAD_REQUEST, "not a number: " + number);
      }
      CallSource source = CallSource.device(parts.phones().deviceOf(c.owner()).orElse(null));
      if (router.route(number, source).isEmpty()) {
        throw CallFailure.of(router.forbidden(number, source) ? Status.FORBIDDEN : Status.NOT_FOUND,
            "no route for " + number);
      }
      return new PhoneCallCreated(parts.pending().add(c.owner(), number,
          c.headers() == null ? Map.of() : c.headers()).id());
    });
  }

  /**
   * Step 2: opens a session's media from the page's offer and answers it; 409 for a session id another page uses. An
   * offer naming a session of this page's is a re-offer ({@link #reoffer}).
   */
  public Future<SessionAnswer> offer(SessionOffer o) {
    String owner;
    String sessionId;
    try {
      owner = required(o.owner(), "owner");
      sessionId = token(o.sessionId(), "sessionId");
      required(o.sdp(), "sdp");
    } catch (CallFailure e) {
      return Future.failedFuture(e);
    }
    Session known = parts.sessions().byId(sessionId).orElse(null);
    if (known != null) {
      return known.owner.equals(owner) ? reoffer(known, o.sdp())
          : Future.failedFuture(CallFailure.of(CONFLICT, "session " + sessionId + " is in use"));
    }
    Session session = new Session(sessionId, owner, UUID.randomUUID().toString());
    parts.sessions().add(session);
    return parts.media().open(sessionId, session.legId, o.sdp()).transform(ar -> {
      if (session.state != Session.State.OPENING) { // closed meanwhile (the page left, or closed it)
        if (ar.succeeded()) {
          parts.media().closeSession(sessionId, session.legId, "closed before its answer");
        }
        return Future.failedFuture(CallFailure.of(Status.NOT_FOUND, "session " + sessionId + " was closed"));
      }
      if (ar.failed()) {
        parts.sessions().remove(session);
        return Future.failedFuture(ar.cause());
      }
      session.state = Session.State.OPEN;
      session.payloadType = ar.result().payloadType();
      session.dtmfPayloadType = ar.result().dtmfPayloadType();
      session.expiry = parts.scheduler().schedule(PendingCalls.LIFETIME,
          () -> end(session, "not linked within " + PendingCalls.LIFETIME.toSeconds() + " s", true));
      return Future.succeededFuture(new SessionAnswer(sessionId, ar.result().sdp()));
    });
  }

  /**
   * The page's new offer on a session of its own (Chromium renegotiates, or restarts ICE): answered on the same port,
   * in the session's call once linked; 409 while its first offer is still being answered.
   */
  private Future<SessionAnswer> reoffer(Session session, String sdp) {
    if (session.state == Session.State.OPENING) {
      return Future.failedFuture(CallFailure.of(CONFLICT, "the first offer of " + session.id + " is not answered yet"));
    }
    String callId = session.state == Session.State.LINKED ? session.call.id()
        : WebRtcCommands.sessionCallId(session.id);
    return parts.media().reoffer(callId, session.legId, sdp).map(a -> new SessionAnswer(session.id, a.sdp()));
  }

  /** Step 3: see {@link SessionLinking}. */
  public Future<SessionLinked> link(SessionLink l) {
    try {
      required(l.owner(), "owner");
      required(l.sessionId(), "sessionId");
      required(l.callId(), "callId");
    } catch (CallFailure e) {
      return Future.failedFuture(e);
    }
    return linking.link(l.owner(), l.sessionId(), l.callId());
  }

  /** The page closes a session: its port is freed; a linked one leaves its call (which goes on with two or more). */
  public Future<SessionClose> close(SessionClose c) {
    return attempt(() -> {
      Session session = owned(c.owner(), c.sessionId());
      end(session, "closed by the page", false);
      return c;
    });
  }

  /** The page declines a call ringing it: this branch fails with 486, the others ring on. */
  public Future<PhoneDecline> decline(PhoneDecline d) {
    return attempt(() -> {
      BrowserDial dial = parts.ringing().find(d.callId(), d.owner()).filter(BrowserDial::ringing)
          .orElseThrow(() -> CallFailure.of(Status.NOT_FOUND, "call " + d.callId() + " is not ringing this phone"));
      dial.refused(Status.BUSY_HERE, "declined");
      return d;
    });
  }

  /** The page's socket closed: its login, pending calls, ringing branches and sessions end. */
  public void gone(PhoneGone g) {
    String owner = g.owner();
    parts.phones().forget(owner);
    parts.pending().ownedBy(owner).forEach(parts.pending()::remove);
    parts.ringing().ownedBy(owner).forEach(d -> d.refused(Status.TEMPORARILY_UNAVAILABLE, "the phone went away"));
    parts.sessions().ownedBy(owner).forEach(s -> end(s, "the page went away", false));
  }

  /**
   * A session's transport: FAILED (DTLS refused) or CONSENT_LOST (the browser went silent) ends it, and the page is
   * told ({@code ENDED}); its call goes on while two parties are left.
   */
  public void mediaState(MediaState state) {
    if (state.state() == TransportState.CONNECTED) {
      LOG.fine(() -> "browser leg " + state.legId() + " connected");
      return;
    }
    String reason = (state.state() == TransportState.FAILED ? "media failed" : "consent lost")
        + (state.reason() == null ? "" : ": " + state.reason());
    parts.sessions().byLegId(state.legId()).ifPresent(session -> end(session, reason, true));
  }

  /** Ends a session in whatever stage it is; {@code tell}: the page hears {@code ENDED}. */
  void end(Session session, String reason, boolean tell) {
    switch (session.state) {
      case OPENING -> parts.sessions().remove(session); // its answer, when it comes, closes the port
      case OPEN -> {
        parts.sessions().remove(session);
        parts.media().closeSession(session.id, session.legId, reason);
        if (tell) {
          parts.events().send(session.owner, new PhoneEvent(PhoneEventType.ENDED, null, null, null, reason));
        }
      }
      case LINKED -> linking.leave(session, reason, tell);
      case CLOSED -> { }
    }
  }

  private Session owned(String owner, String sessionId) {
    Session session = parts.sessions().byId(required(sessionId, "sessionId"))
        .orElseThrow(() -> CallFailure.of(Status.NOT_FOUND, "no session " + sessionId));
    if (!session.owner.equals(owner)) {
      throw CallFailure.of(Status.FORBIDDEN, "session " + sessionId + " is another page's");
    }
    return session;
  }

  static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw CallFailure.of(Status.BAD_REQUEST, "'" + name + "' is missing");
    }
    return value;
  }

  private static String token(String value, String name) {
    if (!TOKEN.matcher(required(value, name)).matches()) {
      throw CallFailure.of(Status.BAD_REQUEST, "'" + name + "' must be 1-64 letters, digits or _.:-");
    }
    return value;
  }

  static <T> Future<T> attempt(Supplier<T> work) {
    try {
      return Future.succeededFuture(work.get());
    } catch (CallFailure e) {
      return Future.failedFuture(e);
    }
  }
}
