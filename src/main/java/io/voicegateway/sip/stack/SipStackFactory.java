package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.timers.ScheduledExecutorSipTimer;
import io.voicegateway.config.MediaConfig;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;

/**
 * Builds a JAIN-SIP RI stack with one {@link SipProvider} holding a listening point per configured
 * transport. UDP and TCP share {@code media.sip_port}; TLS takes that port too unless TCP is also
 * configured, then the next one (5060/5061 by convention), since TCP and TLS cannot share a socket. SIP over
 * WebSocket (RFC 7118: ws, wss) listens on {@code media.sip_ws_port}/{@code sip_wss_port}; only JAIN-SIP's NIO
 * message processors have it, so a stack listing ws or wss runs its TCP and TLS on NIO too (one without keeps the
 * blocking processors every other deployment has run on).
 */
public final class SipStackFactory {
  /** Bytes asked for the SIP UDP socket's receive buffer (see {@link #properties}). */
  static final int UDP_RECEIVE_BUFFER = 4 * 1024 * 1024;

  private SipStackFactory() {}

  /** Starts the stack and its sockets; the listener gets every request, response and timeout. */
  public static SipStackHandle create(MediaConfig media, SipListener listener) throws Exception {
    return create(media, listener, ReceiveGuard.OPEN);
  }

  /** As {@link #create(MediaConfig, SipListener)}, with {@code guard} in front of the UDP receive queue. */
  public static SipStackHandle create(MediaConfig media, SipListener listener, ReceiveGuard guard)
      throws Exception {
    SipFactory sipFactory = SipFactory.getInstance();
    sipFactory.setPathName("gov.nist");
    Properties properties = properties(media);
    String stackName = properties.getProperty("javax.sip.STACK_NAME");
    ReceiveGuards.register(stackName, guard); // before the stack makes its factories, which look it up
    SipStack stack;
    try {
      stack = sipFactory.createSipStack(properties);
      JulServerLogger.of(stack).countResponsesIn(guard.responses()); // vg_sip_responses_total
    } catch (Exception e) {
      ReceiveGuards.forget(stackName);
      throw e;
    }
    try {
      SipProvider provider = null;
      for (String transport : media.sipTransports()) {
        ListeningPoint lp = stack.createListeningPoint(media.bindAddress(), port(media, transport), transport);
        if (provider == null) {
          provider = stack.createSipProvider(lp);
        } else {
          provider.addListeningPoint(lp);
        }
      }
      if (provider == null) {
        throw new IllegalArgumentException("media.sip_transport names no transport");
      }
      provider.addSipListener(listener);
      provider.setAutomaticDialogSupportEnabled(true);
      stack.start();
      return new SipStackHandle(stack, provider, sipFactory.createAddressFactory(),
          sipFactory.createHeaderFactory(), sipFactory.createMessageFactory(), media.publicAddress(), new SendLanes());
    } catch (Exception e) {
      ReceiveGuards.forget(stackName);
      try {
        stack.stop();
      } catch (RuntimeException stopFailure) {
        // JAIN-SIP's stop() throws on a TCP listening point that never bound; keep the bind failure
        e.addSuppressed(stopFailure);
      }
      throw e;
    }
  }

  /** The port a transport listens on (see the class comment for TLS). */
  public static int port(MediaConfig media, String transport) {
    if ("ws".equalsIgnoreCase(transport)) {
      return media.sipWsPort();
    }
    if ("wss".equalsIgnoreCase(transport)) {
      return media.sipWssPort();
    }
    boolean tlsNextPort = "tls".equalsIgnoreCase(transport) && media.sipTransports().contains("tcp");
    return tlsNextPort ? media.sipPort() + 1 : media.sipPort();
  }

  private static Properties properties(MediaConfig media) throws Exception {
    Properties p = new Properties();
    // Unique per instance: SipFactory caches stacks by name and tests run several in one JVM.
    p.setProperty("javax.sip.STACK_NAME", "voice-gateway-" + UUID.randomUUID());
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JulStackLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", JulServerLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "ERROR");
    // One UDP processing thread keeps datagrams in arrival order (an ACK must not overtake its BYE's
    // predecessor on the way to the Vert.x context); the listener only hops, so one thread keeps up.
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
    // A cancelled stack timer must let go of its dialog or transaction at once. The default (java.util.Timer)
    // keeps a cancelled task queued until its due time, and each holds a SIPDialog (DialogDeleteIfNoAckSentTask,
    // the transactions' timers): hundreds of dialogs stayed live after their calls in bench/soak. The executor
    // timer removes a task from its queue when it is cancelled and clears the task's references.
    p.setProperty("gov.nist.javax.sip.TIMER_CLASS_NAME", ScheduledExecutorSipTimer.class.getName());
    // The UDP socket's receive buffer must hold what arrives while the JVM stands still (a GC pause, a
    // starved CPU): at 200 calls/s a 250 ms pause brings ~200 datagrams, more than the stack's 64 KB
    // default holds (the kernel charges ~2 KB per small datagram), and the INVITEs and ACKs dropped there
    // cost a 500 ms retransmission each. The kernel caps this at net.core.rmem_max (docs/sip.md).
    p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", String.valueOf(UDP_RECEIVE_BUFFER));
    p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", CheckingParserFactory.class.getName());
    p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
    p.setProperty("gov.nist.javax.sip.TLS_SECURITY_POLICY", "gov.nist.javax.sip.stack.DefaultTlsSecurityPolicy");
    if (usesWebSocket(media)) {
      p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", WebSocketProcessorFactory.class.getName());
    } else {
      p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", StreamProcessorFactory.class.getName());
    }
    boolean tls = media.sipTransports().contains("tls") || media.sipTransports().contains("wss");
    if (!tls) {
      // JAIN-SIP's defaults build the JVM's default SSLContext and read its whole trust store at start-up, for TLS
      // this stack cannot use (issue 13)
      p.setProperty("gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER", NoTlsSecurityProvider.class.getName());
      p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", PlainNetworkLayer.class.getName());
    }
    if (tls && media.sipTlsCert() != null && media.sipTlsKey() != null) {
      Path cert = Path.of(media.sipTlsCert());
      storeProperties(p, "javax.net.ssl.keyStore", PemKeyStore.write(cert, Path.of(media.sipTlsKey())));
      storeProperties(p, "javax.net.ssl.trustStore",
          PemKeyStore.writeTrust(cert, media.sipTlsCa() == null ? null : Path.of(media.sipTlsCa())));
    }
    return p;
  }

  static boolean usesWebSocket(MediaConfig media) {
    return media.sipTransports().contains("ws") || media.sipTransports().contains("wss");
  }

  /** JAIN-SIP reads its TLS key and trust stores from these stack properties (not the JVM-wide ones). */
  private static void storeProperties(Properties p, String prefix, PemKeyStore.Written store) {
    p.setProperty(prefix, store.file().toString());
    p.setProperty(prefix + "Password", store.password());
    p.setProperty(prefix + "Type", "PKCS12");
  }
}
