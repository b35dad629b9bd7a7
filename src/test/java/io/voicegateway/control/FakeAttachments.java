package io.voicegateway.control;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** {@link Attachments} that records the apps attached; every stream starts. */
public final class FakeAttachments implements Attachments {
  public final List<String> apps = new ArrayList<>();

  @Override
  public void attachApp(Call call, String name) {
    apps.add(name);
  }

  @Override
  public Future<Boolean> startStream(Call call, String name) {
    return Future.succeededFuture(true);
  }
}
