package io.voicegateway.browser;

import io.voicegateway.config.DeviceConfig;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import io.voicegateway.control.Scheduler;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dashboard phones logged in as configured devices: one device per page socket ({@code owner}), any number of
 * pages per device. The device's configured password is checked in constant time (digests of both compared with
 * {@link MessageDigest#isEqual}), so neither its content nor its length leaks through timing, and a device whose
 * password was guessed wrong {@link #MAX_FAILURES} times within a minute takes no logins until the minute passed.
 */
final class Phones {
  /** Wrong passwords for one device within {@link #FAILURE_WINDOW} before its logins are refused unchecked. */
  static final int MAX_FAILURES = 5;
  static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);

  private final Map<String, DeviceConfig> devices;
  private final Map<String, String> deviceOf = new LinkedHashMap<>();
  /** Recent wrong passwords per device; each one is forgotten {@link #FAILURE_WINDOW} after it happened. */
  private final Map<String, Integer> failures = new HashMap<>();
  private final Scheduler scheduler;

  Phones(List<DeviceConfig> devices, Scheduler scheduler) {
    this.scheduler = scheduler;
    this.devices = devices.stream().collect(Collectors.toMap(DeviceConfig::id, Function.identity(), (a, b) -> a,
        LinkedHashMap::new));
  }

  /** Logs {@code owner} in as {@code device}; 404 no such device, 403 wrong password (or none configured). */
  void register(String owner, String device, String password) {
    DeviceConfig config = devices.get(device);
    if (config == null) {
      throw CallFailure.of(Status.NOT_FOUND, "no device " + device);
    }
    if (failures.getOrDefault(device, 0) >= MAX_FAILURES) { // guessing: not even checked until the window passes
      throw CallFailure.of(Status.FORBIDDEN, "too many wrong passwords for device " + device + "; try again later");
    }
    if (config.password() == null || config.password().isEmpty() || password == null
        || !sameSecret(config.password(), password)) {
      failures.merge(device, 1, Integer::sum);
      scheduler.schedule(FAILURE_WINDOW, () -> failures.computeIfPresent(device, (d, n) -> n > 1 ? n - 1 : null));
      throw CallFailure.of(Status.FORBIDDEN, "wrong password for device " + device);
    }
    deviceOf.put(owner, device);
  }

  Optional<String> deviceOf(String owner) {
    return Optional.ofNullable(owner == null ? null : deviceOf.get(owner));
  }

  /** The extension other devices dial to reach {@code device}, else its id: what a callee sees calling. */
  String callerUser(String device) {
    DeviceConfig config = devices.get(device);
    return config != null && config.extension() != null ? config.extension() : device;
  }

  /** The page sockets logged in as {@code device}, oldest first. */
  List<String> ownersOf(String device) {
    return deviceOf.entrySet().stream().filter(e -> e.getValue().equals(device)).map(Map.Entry::getKey).toList();
  }

  void forget(String owner) {
    deviceOf.remove(owner);
  }

  private static boolean sameSecret(String expected, String given) {
    return MessageDigest.isEqual(sha256(expected), sha256(given));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
