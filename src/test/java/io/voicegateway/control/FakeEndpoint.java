package io.voicegateway.control;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** An {@link Endpoint} that records what control asked of it, in order ("180", "early", "answer", "486 busy", …). */
public class FakeEndpoint implements Endpoint {
  public final List<String> said = new ArrayList<>();
  private boolean pending = true;
  private boolean held;

  @Override
  public void progress(int status) {
    said.add(Integer.toString(status));
  }

  @Override
  public void earlyMedia() {
    said.add("early");
  }

  @Override
  public Future<Void> answer() {
    said.add("answer");
    pending = false;
    return Future.succeededFuture();
  }

  @Override
  public void reject(int status, String reason) {
    said.add(status + " " + reason);
    pending = false;
  }

  @Override
  public boolean pending() {
    return pending;
  }

  /** The far side gave up (CANCEL) before we settled it. */
  public void gone() {
    pending = false;
  }

  @Override
  public Future<Void> hold() {
    said.add("hold");
    held = true;
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> resume() {
    said.add("resume");
    held = false;
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> sendDtmf(String digits) {
    said.add("dtmf " + digits);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> hangUp(String reason) {
    said.add("hangup");
    pending = false;
    return Future.succeededFuture();
  }

  public boolean held() {
    return held;
  }
}
