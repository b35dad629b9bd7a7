package io.voicegateway.sip;

import io.voicegateway.sip.stack.SipStackHandle;

/**
 * What sending an INVITE of our own needs of the SIP side ({@link SipDial}, {@link OutboundInvite}): the stack
 * (client transactions, headers, our public address), the request factory and message helpers, the client
 * transactions' responses, and the metrics a refused SDP answer counts in.
 */
record OutboundSignalling(SipStackHandle stack, SipMessages messages, RequestFactory requests,
    ClientRequests client, CallMetrics metrics) {}
