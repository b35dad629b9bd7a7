package io.voicegateway.it.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A UDP proxy between one SIP caller and the gateway that impairs the caller's RTP on its way in. SIP passes
 * through untouched except for one rewrite: the port of {@code m=audio} in the gateway's SDP becomes the port of
 * an RTP relay the proxy opens for it, so the caller sends its RTP through the proxy. Caller → gateway packets get
 * the {@link Impairment} (loss, jitter, reordering, duplicates); gateway → caller packets pass as they come, so
 * what the caller hears back from the echo measures what the gateway's jitter buffer and concealment made of the
 * impaired stream, not the caller's own jitter buffer.
 *
 * <p>Responses reach the proxy because the caller puts {@code rport} in its Via (RFC 3581, baresip does) and the
 * gateway answers to the source. Requests the gateway sends (a BYE) go to the caller's Contact directly. One
 * call at a time is all a bench needs. Written by hand: no Java library does SIP-aware UDP impairment, and
 * {@code tc netem} needs root and would impair every loopback packet of the machine.
 */
public final class ImpairProxy implements AutoCloseable {
  private static final Pattern M_AUDIO = Pattern.compile("m=audio (\\d+) ");
  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^(Content-Length|l)[ \\t]*:[ \\t]*\\d+");

  private final DatagramSocket callerSide;
  private final DatagramSocket gatewaySide;
  private final InetSocketAddress gatewaySip;
  private final Impairment impairment;
  private final Random random;
  private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "impair"));
  private final List<Relay> relays = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private volatile SocketAddress caller;
  private volatile boolean closed;
  /** RTP packets caller → gateway: arrived, dropped, duplicated; and gateway → caller, forwarded. */
  public final AtomicLong in = new AtomicLong();
  public final AtomicLong dropped = new AtomicLong();
  public final AtomicLong duplicated = new AtomicLong();
  public final AtomicLong out = new AtomicLong();

  /** Listens for SIP on {@code 127.0.0.1:sipPort} and forwards to the gateway's SIP port. */
  public ImpairProxy(int sipPort, int gatewaySipPort, Impairment impairment, long seed) throws IOException {
    this.callerSide = new DatagramSocket(new InetSocketAddress("127.0.0.1", sipPort));
    this.gatewaySide = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    this.gatewaySip = new InetSocketAddress("127.0.0.1", gatewaySipPort);
    this.impairment = impairment;
    this.random = new Random(seed);
    pump("sip-in", callerSide, (data, len, from) -> {
      caller = from;
      gatewaySide.send(new DatagramPacket(data, len, gatewaySip));
    });
    pump("sip-out", gatewaySide, (data, len, from) -> {
      byte[] message = rewriteSdp(new String(data, 0, len, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
      SocketAddress to = caller;
      if (to != null) {
        callerSide.send(new DatagramPacket(message, message.length, to));
      }
    });
  }

  /** The SIP port the caller dials. */
  public int sipPort() {
    return callerSide.getLocalPort();
  }

  /** How many RTP relays were opened (one per SDP answer the gateway sent): 0 means nothing was impaired. */
  public int relays() {
    return relays.size();
  }

  /** The gateway's {@code m=audio} port now points at a new relay in front of it. */
  private String rewriteSdp(String message) throws IOException {
    Matcher m = M_AUDIO.matcher(message);
    int body = message.indexOf("\r\n\r\n");
    if (body < 0 || !m.find(body)) {
      return message;
    }
    Relay relay = new Relay(Integer.parseInt(m.group(1)));
    relays.add(relay);
    String sdp = message.substring(body + 4);
    String newSdp = sdp.replaceFirst("m=audio \\d+ ", "m=audio " + relay.callerPort() + " ");
    String head = CONTENT_LENGTH.matcher(message.substring(0, body)).replaceFirst(
        "Content-Length: " + newSdp.getBytes(StandardCharsets.UTF_8).length);
    return head + "\r\n\r\n" + newSdp;
  }

  /** The relay of one RTP stream: caller → (impaired) → gateway, gateway → caller. */
  private final class Relay {
    private final DatagramSocket fromCaller;
    private final DatagramSocket toGateway;
    private final InetSocketAddress gatewayRtp;
    private volatile SocketAddress callerRtp;

    Relay(int gatewayPort) throws IOException {
      fromCaller = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
      toGateway = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
      gatewayRtp = new InetSocketAddress("127.0.0.1", gatewayPort);
      pump("rtp-in", fromCaller, (data, len, from) -> {
        callerRtp = from;
        in.incrementAndGet();
        Impairment.Fate fate;
        synchronized (random) {
          fate = impairment.decide(random);
        }
        if (fate.dropped()) {
          dropped.incrementAndGet();
          return;
        }
        byte[] copy = java.util.Arrays.copyOf(data, len);
        sendLater(copy, fate.delayMs());
        if (fate.copyDelayMs() >= 0) {
          duplicated.incrementAndGet();
          sendLater(copy, fate.copyDelayMs());
        }
      });
      pump("rtp-out", toGateway, (data, len, from) -> {
        SocketAddress to = callerRtp;
        if (to != null) {
          fromCaller.send(new DatagramPacket(data, len, to));
          out.incrementAndGet();
        }
      });
    }

    int callerPort() {
      return fromCaller.getLocalPort();
    }

    private void sendLater(byte[] packet, int delayMs) throws IOException {
      if (delayMs == 0) {
        toGateway.send(new DatagramPacket(packet, packet.length, gatewayRtp));
        return;
      }
      later.schedule(() -> {
        try {
          toGateway.send(new DatagramPacket(packet, packet.length, gatewayRtp));
        } catch (IOException e) {
          // the proxy is closing: the packet is lost like any other
        }
      }, delayMs, TimeUnit.MILLISECONDS);
    }

    void close() {
      fromCaller.close();
      toGateway.close();
    }
  }

  private interface Handler {
    void on(byte[] data, int len, SocketAddress from) throws IOException;
  }

  /** A daemon thread that reads {@code socket} until it is closed. */
  private void pump(String name, DatagramSocket socket, Handler handler) {
    Thread t = daemon(() -> {
      byte[] buf = new byte[65535];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      while (!closed) {
        try {
          p.setLength(buf.length);
          socket.receive(p);
          handler.on(buf, p.getLength(), p.getSocketAddress());
        } catch (IOException e) {
          if (socket.isClosed()) {
            return;
          }
        }
      }
    }, "impair-" + name);
    threads.add(t);
    t.start();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    closed = true;
    later.shutdownNow();
    callerSide.close();
    gatewaySide.close();
    relays.forEach(Relay::close);
  }
}
