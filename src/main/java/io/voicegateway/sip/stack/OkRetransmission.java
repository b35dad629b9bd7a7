package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.SIPDialog;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Arms the dialog's 2xx retransmission timer before a 2xx to an INVITE leaves, so that the ACK which
 * answers it is always matched, however fast it comes back.
 *
 * <p>Why: JAIN-SIP's {@code ServerTransaction.sendResponse} writes the 2xx to the socket and only then
 * calls {@code SIPDialog.startRetransmitTimer}; the dialog records an ACK ({@code ackReceived}) only
 * against the INVITE transaction it finds in that timer ({@code getInviteTransaction()}). The ACK is
 * processed on the stack's receive thread while the sending thread (the SIP event loop, or a worker for
 * TCP/TLS) is still between the write and the timer start: the dialog then finds no INVITE transaction,
 * does not note the ACK ("tr is null -- not updating the ack state"), the timer starts afterwards and the
 * 200 is re-sent at T1 (500 ms) until the peer ACKs the copy. SIPp on loopback ACKs 0.1 ms after the 200,
 * which lost the race for about one call in five.
 *
 * <p>With the timer armed first, the ACK finds the transaction in every order: if it comes before
 * {@code sendResponse} reaches its own {@code startRetransmitTimer}, that call starts a fresh timer whose
 * first run sees the ACK noted and stops without re-sending; if it comes after, nothing differs from
 * the stack's own path (the second start finds the timer running for the same transaction).
 */
public final class OkRetransmission {
  private OkRetransmission() {}

  /** Call right before {@code st.sendResponse(response)}, on the thread that sends it. */
  public static void armBeforeSending(ServerTransaction st, Response response) {
    if (response.getStatusCode() / 100 == 2
        && Request.INVITE.equals(st.getRequest().getMethod())
        && st.getDialog() instanceof SIPDialog dialog
        && st instanceof SIPServerTransaction sipSt) {
      dialog.startRetransmitTimer(sipSt, response);
    }
  }
}
