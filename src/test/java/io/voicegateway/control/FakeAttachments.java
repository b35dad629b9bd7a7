package io.voicegateway.control;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** {@link Attachments} that records the apps attached, and {@link AudioFeeds} whose every feed starts. */
public final class FakeAttachments implements Attachments, AudioFeeds {
  public final List<String> apps = new ArrayList<>();

  @Override
  public void attachApp(Call call, String name, String argument) {
    apps.add(argument == null ? name : name + " " + argument);
  }

  @Override
  public Future<Boolean> start(Call call) {
    return Future.succeededFuture(true);
  }

  @Override
  public Future<Boolean> stop(String callId) {
    return Future.succeededFuture(true);
  }
}
