package io.voicegateway.config;

/** Invalid configuration: names the key path, the bad value and what is allowed. Start-up exits 2. */
public class ConfigException extends RuntimeException {
  private final String keyPath;

  public ConfigException(String keyPath, String message) {
    super(keyPath == null || keyPath.isEmpty() ? message : keyPath + ": " + message);
    this.keyPath = keyPath;
  }

  public String keyPath() {
    return keyPath;
  }
}
