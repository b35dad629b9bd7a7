package io.voicegateway.control.route;

import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.DeviceConfig;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.LiveConfig;
import io.voicegateway.config.NumberPattern;
import io.voicegateway.config.RouteConfig;
import io.voicegateway.config.RouteConfig.Direction;
import io.voicegateway.config.RouteConfig.Fallback;
import io.voicegateway.config.RouteConfig.From;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Picks the target of a call from the configured routes: the first route that matches the called number
 * and admits the caller wins. The security rule of the gateway lives in {@link #admits}: a caller that is
 * neither a trunk nor an authenticated device reaches only inbound routes with {@code from: any}, and an
 * outbound route (a trunk, i.e. money) only ever serves an authenticated device.
 *
 * <p>Immutable once built; patterns are compiled here (the configuration already proved they compile).
 */
public final class Router {
  /** How long a device dialled by extension rings when no route says otherwise. */
  static final Duration EXTENSION_RING_TIMEOUT = Duration.ofSeconds(30);

  private final List<CompiledRoute> routes;
  /** The catalog app an owner's phone reaches on the voicemail access number. */
  public static final String VOICEMAIL_ACCESS_APP = "voicemail-access";

  private final List<DeviceConfig> devices;
  /** {@code voicemail.access_number}, or null: served to authenticated devices only, before any route. */
  private final String voicemailAccess;
  /**
   * The router that answers: this one, or for a {@link #live} router the one compiled from the configuration in
   * force, so a reload changes routing for new calls while calls in progress keep the target they were given.
   */
  private final Supplier<Router> table;

  public Router(List<RouteConfig> routes, List<DeviceConfig> devices) {
    this(routes, devices, null);
  }

  public Router(List<RouteConfig> routes, List<DeviceConfig> devices, String voicemailAccess) {
    this.routes = routes.stream().map(r -> new CompiledRoute(r, NumberPattern.of(r.match()))).toList();
    this.devices = List.copyOf(devices);
    this.voicemailAccess = voicemailAccess;
    this.table = () -> this;
  }

  private Router(Supplier<GatewayConfig> config) {
    this.routes = List.of();
    this.devices = List.of();
    this.voicemailAccess = null;
    this.table = LiveConfig.view(config, Router::from);
  }

  /** Routes by the configuration {@code config} gives at each call (a {@link LiveConfig}: reloadable). */
  public static Router live(Supplier<GatewayConfig> config) {
    return new Router(config);
  }

  public static Router from(GatewayConfig config) {
    return new Router(config.routes(), config.devices(), config.voicemail().accessNumber());
  }

  /** The routes of the default configuration: {@code echo} to the echo app, from anyone. */
  public Router() {
    this(ConfigLoader.defaults().routes(), List.of());
  }

  /**
   * An inbound call from a source not (yet) classified: what an INVITE from an unknown address may
   * reach. Kept for the SIP side until it classifies sources with {@link SourceClassifier}.
   *
   * @param requestUriUser the user part of the Request-URI, or null when it has none
   */
  public Optional<RouteTarget> route(String requestUriUser) {
    return route(Direction.INBOUND, requestUriUser, CallSource.unknown());
  }

  /**
   * @param direction    which routes to consider: INBOUND (from trunks, or anyone where allowed) or
   *                     OUTBOUND (from devices)
   * @param calledNumber the Request-URI user (the To user as fallback); null when there is none
   * @param source       who is calling
   * @return the target of the first route of {@code direction} that matches and admits {@code source};
   *     for a device caller, another device's extension comes first; empty when nothing matches
   */
  public Optional<RouteTarget> route(Direction direction, String calledNumber, CallSource source) {
    return route(direction, calledNumber, source, true);
  }

  /**
   * Like {@link #route(Direction, String, CallSource)} over every route in file order, whatever its
   * direction: the security rule alone decides, so a trunk or unknown caller still only reaches inbound
   * routes, while a device reaches outbound routes and the inbound ones that admit it (the echo test).
   */
  public Optional<RouteTarget> route(String calledNumber, CallSource source) {
    return route(null, calledNumber, source, false);
  }

  /**
   * Tells 403 from 404 when {@link #route(String, CallSource)} found nothing: true when some route does
   * match {@code calledNumber} but none of the matching ones admits {@code source} (an unknown caller or a
   * trunk dialling a number of an outbound route, a trunk on a {@code from: device} route). False when a
   * route would serve the call or no route matches the number at all (404).
   */
  public boolean forbidden(String calledNumber, CallSource source) {
    Router current = table.get();
    if (current != this) {
      return current.forbidden(calledNumber, source);
    }
    if (route(calledNumber, source).isPresent()) {
      return false;
    }
    return routes.stream().anyMatch(r -> r.pattern().matches(calledNumber));
  }

  private Optional<RouteTarget> route(Direction direction, String calledNumber, CallSource source,
      boolean oneDirection) {
    Router current = table.get();
    if (current != this) {
      return current.route(direction, calledNumber, source, oneDirection);
    }
    if (source.kind() == CallSource.Kind.DEVICE) {
      Optional<RouteTarget> extension = extension(calledNumber, source.id());
      if (extension.isPresent()) {
        return extension;
      }
      // a box's messages are only ever offered to a phone that proved who it is; the app then picks its box
      if (voicemailAccess != null && voicemailAccess.equals(calledNumber)) {
        return Optional.of(new RouteTarget(RouteTarget.Kind.APP, VOICEMAIL_ACCESS_APP, List.of(), calledNumber,
            null, null));
      }
    }
    for (CompiledRoute route : routes) {
      RouteConfig config = route.config();
      if ((!oneDirection || config.direction() == direction) && admits(config, source)
          && route.pattern().matches(calledNumber)) {
        return Optional.of(target(config, NumberRewrite.apply(calledNumber, config.strip(), config.prepend()))
            .recorded(config.record()));
      }
    }
    return Optional.empty();
  }

  /** The security rule: whether {@code source} may use {@code route} at all. */
  static boolean admits(RouteConfig route, CallSource source) {
    if (route.direction() == Direction.OUTBOUND) {
      return source.kind() == CallSource.Kind.DEVICE;
    }
    From from = route.from();
    return switch (source.kind()) {
      case TRUNK -> from == From.ANY || from == From.KNOWN || from == From.TRUNK;
      case DEVICE -> from == From.ANY || from == From.KNOWN || from == From.DEVICE;
      case UNKNOWN -> from == From.ANY;
      case NODE -> false; // another node routed its call already: it only asks this one to carry it (BINDING)
    };
  }

  /** Extension-to-extension dialling between devices needs no route; a device never rings itself. */
  private Optional<RouteTarget> extension(String calledNumber, String callerId) {
    for (DeviceConfig device : devices) {
      if (device.extension() != null && device.extension().equals(calledNumber) && !device.id().equals(callerId)) {
        return Optional.of(new RouteTarget(RouteTarget.Kind.DEVICES, null, List.of(device.id()), calledNumber,
            EXTENSION_RING_TIMEOUT, null));
      }
    }
    return Optional.empty();
  }

  private static RouteTarget target(RouteConfig r, String number) {
    if (!r.ring().isEmpty()) {
      RouteTarget fallback = r.onNoAnswer() == null ? null : fallback(r.onNoAnswer(), number);
      return new RouteTarget(RouteTarget.Kind.DEVICES, null, r.ring(), number, r.ringTimeout(), fallback);
    }
    if (r.app() != null) {
      return single(RouteTarget.Kind.APP, r.app(), number);
    }
    if (r.ivr() != null) {
      return single(RouteTarget.Kind.IVR, r.ivr(), number);
    }
    if (r.voicemail() != null) {
      return single(RouteTarget.Kind.VOICEMAIL, r.voicemail(), number);
    }
    if (r.stream() != null) {
      return single(RouteTarget.Kind.STREAM, r.stream(), number);
    }
    return single(RouteTarget.Kind.PROVIDER, r.provider(), number);
  }

  private static RouteTarget fallback(Fallback f, String number) {
    return switch (f.kind()) {
      case "ring" -> new RouteTarget(RouteTarget.Kind.DEVICES, null, f.names(), number, EXTENSION_RING_TIMEOUT,
          null);
      case "app" -> single(RouteTarget.Kind.APP, f.names().get(0), number);
      case "ivr" -> single(RouteTarget.Kind.IVR, f.names().get(0), number);
      case "voicemail" -> single(RouteTarget.Kind.VOICEMAIL, f.names().get(0), number);
      default -> single(RouteTarget.Kind.STREAM, f.names().get(0), number);
    };
  }

  private static RouteTarget single(RouteTarget.Kind kind, String name, String number) {
    return new RouteTarget(kind, name, List.of(), number, null, null);
  }

  private record CompiledRoute(RouteConfig config, NumberPattern pattern) {}
}
