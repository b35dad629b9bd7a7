package io.voicegateway.config;

/** Builds the key paths that error messages name: {@code media.codecs[1]}, {@code media.dtmf.method}. */
final class KeyPath {
  private KeyPath() {}

  static String child(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
