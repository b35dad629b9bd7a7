package io.voicegateway.apps;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.AppQueries;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.MediaCommands.AppAttach;
import io.voicegateway.media.MediaEngine;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the apps of the {@link AppCatalog} on calls: answers {@code vg.apps.attach} (start an app on a call, 404 for
 * a name the catalog lacks) and {@code vg.apps.list}; passes each call's DTMF keys to its session and ends the
 * session with the call. Each call gets one app leg in the mixer ({@link AppLegSlot}); the running app plugs its
 * own leg into it. Sessions live on this verticle's event loop only.
 *
 * <p>A configuration reload {@link #replace replaces} the catalog: attaches from then on find the new apps, while
 * a session already running keeps the app (and the definitions: menu, box, room settings) it was started with,
 * until its call ends or hands it on. The new catalog's apps are not started again: an app with state or bus
 * consumers of its own carries them over from the running one ({@code GatewayApps.reload}).
 */
public final class AppsVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(AppsVerticle.class.getName());

  private final MediaEngine engine;
  /** The apps new attaches find; replaced on this verticle's loop only. */
  private AppCatalog catalog;
  private final LongSupplier clock;
  private final Map<String, Running> running = new HashMap<>();

  /** The built-in catalog on the system clock. */
  public AppsVerticle(MediaEngine engine) {
    this(engine, AppCatalog.builtIn(), System::currentTimeMillis);
  }

  public AppsVerticle(MediaEngine engine, AppCatalog catalog, LongSupplier clock) {
    this.engine = engine;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** One call's app leg and the session plugged into it. */
  private static final class Running {
    final AppLegSlot slot = new AppLegSlot();
    AppSession session;
    /** The handle the running session was given: a hand-off ends that session only. */
    AppCall handle;
  }

  @Override
  public Future<?> start() {
    var bus = vertx.eventBus();
    return Future.all(
        bus.<AppAttach>consumer(Addresses.APPS_ATTACH, this::attach).completion(),
        bus.<AppQueries.ListQuery>consumer(Addresses.APPS_LIST,
            msg -> msg.reply(new AppQueries.AppList(catalog.names()))).completion(),
        bus.<CallEvent>consumer(Addresses.CALL_EVENTS, msg -> onEvent(msg.body())).completion())
        .compose(v -> Future.all(catalog.apps().stream().map(app -> app.start(vertx)).toList()));
  }

  /**
   * Puts the catalog {@code rebuild} makes of the running one in force, on this verticle's loop (where the sessions
   * and the apps' shared state live), between two attaches: no attach sees a mix. Callable from any thread.
   *
   * @return completes once swapped in; fails, with the running catalog kept, when {@code rebuild} throws
   */
  public Future<AppCatalog> replace(java.util.function.UnaryOperator<AppCatalog> rebuild) {
    io.vertx.core.Promise<AppCatalog> swapped = io.vertx.core.Promise.promise();
    context.runOnContext(v -> {
      try {
        AppCatalog next = rebuild.apply(catalog);
        catalog = next;
        swapped.complete(next);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "apps: the reloaded catalog could not be made; the running one stays", e);
        swapped.fail(e);
      }
    });
    return swapped.future();
  }

  @Override
  public Future<?> stop() {
    return Future.join(catalog.apps().stream().map(App::stop).toList());
  }

  private void attach(Message<AppAttach> msg) {
    AppAttach attach = msg.body();
    start(attach)
        .onSuccess(v -> msg.reply(attach))
        .onFailure(err -> msg.fail(err instanceof ReplyException r ? r.failureCode() : 500, err.getMessage()));
  }

  /** Starts the app on the call, ending the session it replaces. */
  private Future<Void> start(AppAttach attach) {
    String callId = attach.callId();
    String name = attach.app();
    App app = catalog.find(name).orElse(null);
    if (app == null) {
      return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 404,
          "unknown app " + name + "; known: " + String.join(", ", catalog.names())));
    }
    Running call = running.get(callId);
    if (call == null) {
      call = new Running();
      running.put(callId, call);
      engine.attach(callId, call.slot);
    } else {
      end(call, "replaced by " + name);
    }
    try {
      Running running = call;
      AppCall[] self = new AppCall[1];
      AppCall handle = new BusAppCall(vertx, attach, clock, (next, arg) -> start(new AppAttach(callId, next, arg,
          attach.caller(), attach.callerDevice(), attach.called())), () -> handedOff(running, self[0]));
      self[0] = handle;
      call.handle = handle;
      call.session = app.attach(handle);
      call.slot.play(call.session.leg());
      return Future.succeededFuture();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "app " + name + " failed to start on call " + callId, e);
      return Future.failedFuture(e);
    }
  }

  private void onEvent(CallEvent event) {
    switch (event.type()) {
      case DTMF_RECEIVED -> {
        Running call = running.get(event.callId());
        if (call != null && call.session != null && event.digit() != null && !event.digit().isEmpty()) {
          call.session.onDtmf(event.digit().charAt(0), event.durationMs());
        }
      }
      case CALL_TERMINATED -> {
        Running call = running.remove(event.callId());
        if (call != null) {
          end(call, event.reason());
        }
      }
      default -> { }
    }
  }

  /**
   * The app handed its call to a phone or a stream (call control took its leg out of the call): its session ends,
   * the call's slot stays for an app attached later (a transfer back to an app).
   */
  private static void handedOff(Running call, AppCall handle) {
    if (call.handle == handle) {
      end(call, "connected");
    }
  }

  /** Unplugs the session's leg and tells it; an app that throws here is logged, not allowed to stop the rest. */
  private static void end(Running call, String reason) {
    call.slot.play(null);
    AppSession session = call.session;
    call.session = null;
    if (session != null) {
      try {
        session.onEnd(reason);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "app session failed to end", e);
      }
    }
  }

  /** Calls with an app running, for tests. */
  int runningCalls() {
    return running.size();
  }
}
