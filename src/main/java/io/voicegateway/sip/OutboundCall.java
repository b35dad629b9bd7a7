package io.voicegateway.sip;

import java.util.Map;

/**
 * What to call when the gateway originates.
 *
 * @param target   Request-URI, e.g. {@code sip:bob@10.0.0.2:5070;transport=tcp}
 * @param fromUser the user part of our From
 * @param username digest user name for a 401/407 challenge, or null to give up on a challenge
 * @param password digest password, or null
 * @param headers  extra headers for the INVITE (X- headers travel into the call events)
 * @param app      an app to attach once answered (e.g. "echo"), or null
 */
public record OutboundCall(String target, String fromUser, String username, String password,
    Map<String, String> headers, String app) {

  public OutboundCall {
    headers = Map.copyOf(headers == null ? Map.of() : headers);
  }

  public static OutboundCall to(String target) {
    return new OutboundCall(target, "gateway", null, null, Map.of(), null);
  }

  public OutboundCall withCredentials(String user, String pass) {
    return new OutboundCall(target, fromUser, user, pass, headers, app);
  }

  public OutboundCall withApp(String appName) {
    return new OutboundCall(target, fromUser, username, password, headers, appName);
  }
}
