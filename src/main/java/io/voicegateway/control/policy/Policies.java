package io.voicegateway.control.policy;

import io.voicegateway.control.Dialer;
import io.voicegateway.control.Scheduler;

/**
 * What the call-control policies that place calls inside a call (transfers, click-to-call) share: how to ring,
 * time, take parties out, end calls and attach the routed target. Built once by the owner of the calls.
 */
public record Policies(Dialer dialer, Scheduler scheduler, Transfers transfers, Teardown teardown,
    AttachTarget attach) {}
