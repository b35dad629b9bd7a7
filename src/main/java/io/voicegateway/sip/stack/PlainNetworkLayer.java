package io.voicegateway.sip.stack;

import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * JAIN-SIP's sockets for a stack with neither {@code tls} nor {@code wss} listening: plain UDP and TCP sockets made
 * as its {@code DefaultNetworkLayer} makes them (same binds, same 8 s connect timeout and message). That one takes
 * the JVM's default SSL socket factories in its constructor, i.e. builds the default {@code SSLContext} and parses
 * every root certificate of the JDK's cacerts on the start-up's critical path (issue 13) for TLS this stack cannot
 * use: without a TLS listening point JAIN-SIP opens no TLS socket, so the TLS methods here fail loudly if reached.
 */
public final class PlainNetworkLayer implements NetworkLayer {
  private static final int CONNECT_TIMEOUT_MS = 8000;

  /** JAIN-SIP instantiates it by name ({@code gov.nist.javax.sip.NETWORK_LAYER}), with this constructor. */
  public PlainNetworkLayer() {}

  @Override
  public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
    return new ServerSocket(port, backlog, bindAddress);
  }

  @Override
  public Socket createSocket(InetAddress address, int port) throws IOException {
    return new Socket(address, port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
    Socket socket = new Socket();
    if (myAddress != null) {
      socket.bind(new InetSocketAddress(myAddress, 0));
    }
    return connect(socket, address, port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
    Socket socket = new Socket();
    if (myAddress != null) {
      socket.bind(new InetSocketAddress(myAddress, 0)); // as JAIN-SIP's own layer: the local port is the kernel's
    } else if (myPort != 0) {
      socket.bind(new InetSocketAddress(myPort));
    }
    return connect(socket, address, port);
  }

  private static Socket connect(Socket socket, InetAddress address, int port) throws IOException {
    try {
      socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
      return socket;
    } catch (SocketTimeoutException e) {
      socket.close();
      throw new ConnectException("Socket timeout error (8sec)" + address + ":" + port);
    }
  }

  @Override
  public DatagramSocket createDatagramSocket() throws SocketException {
    return new DatagramSocket();
  }

  @Override
  public DatagramSocket createDatagramSocket(int port, InetAddress bindAddress) throws SocketException {
    if (bindAddress.isMulticastAddress()) {
      try {
        MulticastSocket socket = new MulticastSocket(port);
        socket.joinGroup(bindAddress);
        return socket;
      } catch (IOException e) {
        throw new SocketException(e.getLocalizedMessage());
      }
    }
    return new DatagramSocket(port, bindAddress);
  }

  @Override
  public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) {
    throw noTls();
  }

  @Override
  public SSLSocket createSSLSocket(InetAddress address, int port) {
    throw noTls();
  }

  @Override
  public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) {
    throw noTls();
  }

  @Override
  public void setSipStack(SipStackImpl sipStack) {
    // nothing of the stack is needed for plain sockets
  }

  private static IllegalStateException noTls() {
    return new IllegalStateException("no TLS transport is configured (media.sip_transport)");
  }
}
