#!/usr/bin/env python3
"""A flood: INVITEs and garbage datagrams at fixed rates from one address or many, for a bounded time.

usage: flood.py TARGET_HOST TARGET_PORT SOURCES INVITES_PER_S GARBAGE_PER_S SECONDS
SOURCES: one address (127.0.0.2), a range (127.0.0.2-127.0.0.254) or a network (127.1.0.0/16: 65,534 addresses).
With more than one, the datagrams go round the addresses in turn, each sent from one socket with its source set per
datagram (IP_PKTINFO; any 127/8 address is local on Linux, so no root and no socket per address): an attacker
rotating addresses, whom per-address limits cannot stop. Prints how many datagrams it sent and from how many addresses. Paced in 10 ms slices; each INVITE has its own Call-ID and branch, so the
stack cannot take it for a retransmission. Written by hand: SIPp at 5,000 calls/s spends the box's CPU on call
state the flood does not need, and it sends no garbage.
"""
import ipaddress
import os
import socket
import struct
import sys
import time

IP_PKTINFO = getattr(socket, "IP_PKTINFO", 8)  # Linux's value; Python does not always export it


def addresses(spec):
    """The source addresses SOURCES names, in order."""
    if "/" in spec:
        return [str(a) for a in ipaddress.ip_network(spec, strict=False).hosts()]
    if "-" in spec:
        first, last = (int(ipaddress.ip_address(a)) for a in spec.split("-"))
        return [str(ipaddress.ip_address(a)) for a in range(first, last + 1)]
    return [spec]


host, port, spec = sys.argv[1], int(sys.argv[2]), sys.argv[3]
invites, garbage, seconds = int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
sources = addresses(spec)

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind((sources[0], 0) if len(sources) == 1 else ("0.0.0.0", 0))
sock.setblocking(False)
local_port = sock.getsockname()[1]
target = (host, port)
pktinfo = [struct.pack("i4s4s", 0, socket.inet_aton(a), bytes(4)) for a in sources] if len(sources) > 1 else None
turn = 0


def send(data, source_index):
    """One datagram from sources[source_index]; a full socket buffer loses it, like any flood datagram."""
    try:
        if pktinfo is None:
            sock.sendto(data, target)
        else:
            sock.sendmsg([data], [(socket.IPPROTO_IP, IP_PKTINFO, pktinfo[source_index])], 0, target)
    except OSError:
        pass


def drain():
    """Reads away the gateway's answers (503s, 100s) so they do not fill our receive buffer."""
    try:
        while True:
            sock.recv(65535)
    except OSError:
        pass


INVITE = ("INVITE sip:echo@{h}:{p} SIP/2.0\r\n"
          "Via: SIP/2.0/UDP {s}:{lp};branch=z9hG4bK-flood-{n}\r\n"
          "Max-Forwards: 70\r\n"
          "From: <sip:flood@{s}>;tag=f{n}\r\n"
          "To: <sip:echo@{h}>\r\n"
          "Call-ID: flood-{n}@{s}\r\n"
          "CSeq: 1 INVITE\r\n"
          "Contact: <sip:flood@{s}:{lp}>\r\n"
          "Content-Type: application/sdp\r\n"
          "Content-Length: {l}\r\n\r\n{b}")
SDP = "v=0\r\no=- 1 1 IN IP4 {s}\r\ns=-\r\nc=IN IP4 {s}\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n"
GARBAGE = [os.urandom(300), b"NOT SIP AT ALL\r\n\r\n", b"INVITE sip:x SIP/2.0\r\nVia: broken\r\n\r\n",
           b"\x00\x01\x02" * 100]

slice_s = 0.01
start = time.monotonic()
sent_invites = sent_garbage = 0
n = 0
while True:
    elapsed = time.monotonic() - start
    if elapsed >= seconds:
        break
    due_invites = int(elapsed * invites) - sent_invites
    due_garbage = int(elapsed * garbage) - sent_garbage
    for _ in range(max(0, due_invites)):
        n += 1
        turn = (turn + 1) % len(sources)
        source = sources[turn]
        sdp = SDP.format(s=source)
        msg = INVITE.format(h=host, p=port, s=source, lp=local_port, n=n, l=len(sdp), b=sdp).encode()
        send(msg, turn)
        sent_invites += 1
    for i in range(max(0, due_garbage)):
        turn = (turn + 1) % len(sources)
        send(GARBAGE[(sent_garbage + i) % len(GARBAGE)], turn)
    sent_garbage += max(0, due_garbage)
    drain()
    time.sleep(slice_s)
print(f"flood: {sent_invites} INVITEs and {sent_garbage} garbage datagrams from {len(sources)} address(es) "
      f"({spec}) in {seconds:.0f} s")
