package io.voicegateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads {@code devices:}: the phones that register here, each with digest credentials. */
final class DevicesReader {
  static final List<String> KEYS = List.of("id", "username", "password", "extension");
  /** Dialable characters only: an extension is matched against the called number as written. */
  private static final Pattern EXTENSION = Pattern.compile("[0-9*#+]{1,32}");
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.!~*'()&=+$,;?/-]{1,64}");

  private DevicesReader() {}

  static List<DeviceConfig> read(ConfigValue section) {
    if (section.isUnset()) {
      return List.of();
    }
    UniqueNames ids = new UniqueNames("device id");
    UniqueNames usernames = new UniqueNames("user name");
    UniqueNames extensions = new UniqueNames("extension");
    List<DeviceConfig> devices = new ArrayList<>();
    for (ConfigValue item : section.asList(false)) {
      ConfigMap map = item.asMap(KEYS);
      String id = ids.id(map.get("id"));
      ConfigValue userValue = map.get("username");
      String username = userValue.isUnset() ? id : userValue.asText();
      if (!USERNAME.matcher(username).matches()) {
        throw userValue.error("'" + username + "' is not a valid SIP user name (1..64 characters, no spaces or @)");
      }
      usernames.add(userValue.isUnset() ? map.get("id") : userValue, username);
      ConfigValue password = map.get("password");
      if (password.isUnset()) {
        throw password.error("required: devices authenticate with digest; use ${VAR} to keep it out of the file");
      }
      ConfigValue extValue = map.get("extension");
      String extension = null;
      if (!extValue.isUnset()) {
        extension = extValue.asText();
        if (!EXTENSION.matcher(extension).matches()) {
          throw extValue.error(extValue.shown() + " is not dialable; use digits, *, # or + (up to 32)");
        }
        extensions.add(extValue, extension);
      }
      devices.add(new DeviceConfig(id, username, password.asText(), extension));
    }
    return List.copyOf(devices);
  }
}
