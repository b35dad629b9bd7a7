package io.voicegateway.sip;

import io.voicegateway.control.policy.BlindTransfer;
import io.voicegateway.sip.stack.SipStackHandle;
import java.util.logging.Logger;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;

/**
 * The implicit subscription a REFER we accepted creates (RFC 3515 §2.4.4): NOTIFYs in the transferor's
 * dialog whose {@code message/sipfrag} body is the status line of the call we place for it. Progress
 * keeps the subscription active; the final status terminates it ({@code reason=noresource}). The Event
 * carries {@code id=} the REFER's CSeq, which RFC 3515 §2.4.6 allows on the first REFER of a dialog and
 * requires on the next ones. Nothing is sent once the dialog is gone (the transferor hung up first).
 */
final class ReferSubscription implements BlindTransfer.Progress {
  private static final Logger LOG = Logger.getLogger(ReferSubscription.class.getName());
  /** What we grant: long enough for any ring timeout; the final NOTIFY ends it earlier. */
  static final int EXPIRES_S = 180;

  private final SipStackHandle sip;
  private final SipMessages messages;
  private final ClientRequests client;
  private final SipLeg transferor;
  private final long referCseq;
  private int lastStatus;
  private boolean terminated;

  ReferSubscription(SipStackHandle sip, SipMessages messages, ClientRequests client, SipLeg transferor,
      long referCseq) {
    this.sip = sip;
    this.messages = messages;
    this.client = client;
    this.transferor = transferor;
    this.referCseq = referCseq;
  }

  /** A provisional status (100, 180, 183); a repeat of the last one is not sent again. */
  @Override
  public void progress(int status) {
    if (!terminated && status != lastStatus) {
      lastStatus = status;
      send(status, false);
    }
  }

  /** The final status (200 when the target answered); the subscription ends with it. */
  @Override
  public void finish(int status) {
    if (!terminated) {
      terminated = true;
      send(status, true);
    }
  }

  boolean terminated() {
    return terminated;
  }

  private void send(int status, boolean last) {
    Dialog dialog = transferor.dialog();
    if (dialog == null || dialog.getState() != DialogState.CONFIRMED) {
      return;
    }
    try {
      Request notify = dialog.createRequest(Request.NOTIFY);
      EventHeader event = sip.headers().createEventHeader("refer");
      event.setEventId(Long.toString(referCseq));
      notify.addHeader(event);
      SubscriptionStateHeader state = sip.headers().createSubscriptionStateHeader(
          last ? SubscriptionStateHeader.TERMINATED : SubscriptionStateHeader.ACTIVE);
      if (last) {
        state.setReasonCode(SubscriptionStateHeader.NO_RESOURCE);
      } else {
        state.setExpires(EXPIRES_S);
      }
      notify.addHeader(state);
      notify.addHeader(messages.contact(transport(dialog)));
      ContentTypeHeader type = sip.headers().createContentTypeHeader(Sipfrag.CONTENT_TYPE, Sipfrag.CONTENT_SUBTYPE);
      type.setParameter("version", "2.0");
      notify.setContent(Sipfrag.statusLine(status) + "\r\n", type);
      client.send(notify, dialog, null);
    } catch (Exception e) {
      LOG.fine(() -> "could not NOTIFY " + status + " to " + transferor + ": " + e.getMessage());
    }
  }

  private static String transport(Dialog dialog) {
    var uri = dialog.getRemoteTarget() == null ? null : dialog.getRemoteTarget().getURI();
    return uri instanceof javax.sip.address.SipURI sip && sip.getTransportParam() != null
        ? sip.getTransportParam() : null;
  }
}
