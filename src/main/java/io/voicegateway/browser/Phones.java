package io.voicegateway.browser;

import io.voicegateway.config.DeviceConfig;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dashboard phones logged in as configured devices: one device per page socket ({@code owner}), any number of
 * pages per device. The device's configured password is checked in constant time (digests of both compared with
 * {@link MessageDigest#isEqual}), so neither its content nor its length leaks through timing.
 */
final class Phones {
  private final Map<String, DeviceConfig> devices;
  private final Map<String, String> deviceOf = new LinkedHashMap<>();

  Phones(List<DeviceConfig> devices) {
    this.devices = devices.stream().collect(Collectors.toMap(DeviceConfig::id, Function.identity(), (a, b) -> a,
        LinkedHashMap::new));
  }

  /** Logs {@code owner} in as {@code device}; 404 no such device, 403 wrong password (or none configured). */
  void register(String owner, String device, String password) {
    DeviceConfig config = devices.get(device);
    if (config == null) {
      throw CallFailure.of(Status.NOT_FOUND, "no device " + device);
    }
    if (config.password() == null || config.password().isEmpty() || password == null
        || !sameSecret(config.password(), password)) {
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
