package io.voicegateway.apps.voicemail;

import io.voicegateway.apps.App;
import io.voicegateway.apps.AppCall;
import io.voicegateway.apps.AppSession;

/**
 * {@code voicemail-access}: what an owner's phone reaches on {@code voicemail.access_number} (the router sends only
 * authenticated devices there); the box follows from the device ({@link OwnerMenu}).
 */
final class VoicemailAccessApp implements App {
  private final Voicemail voicemail;

  VoicemailAccessApp(Voicemail voicemail) {
    this.voicemail = voicemail;
  }

  @Override
  public String name() {
    return "voicemail-access";
  }

  @Override
  public AppSession attach(AppCall call) {
    return new OwnerMenu(call, voicemail, VoicemailApp.loop()).start();
  }
}
