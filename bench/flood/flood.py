#!/usr/bin/env python3
"""One flooding source: INVITEs and garbage datagrams at fixed rates from one address, for a bounded time.

usage: flood.py TARGET_HOST TARGET_PORT SOURCE_HOST INVITES_PER_S GARBAGE_PER_S SECONDS
Prints how many datagrams it sent. Paced in 10 ms slices; each INVITE has its own Call-ID and branch, so the
stack cannot take it for a retransmission. Written by hand: SIPp at 5,000 calls/s spends the box's CPU on call
state the flood does not need, and it sends no garbage.
"""
import os
import socket
import sys
import time

host, port, source = sys.argv[1], int(sys.argv[2]), sys.argv[3]
invites, garbage, seconds = int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind((source, 0))
local_port = sock.getsockname()[1]
target = (host, port)

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
SDP = "v=0\r\no=- 1 1 IN IP4 {s}\r\ns=-\r\nc=IN IP4 {s}\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n".format(s=source)
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
        msg = INVITE.format(h=host, p=port, s=source, lp=local_port, n=n, l=len(SDP), b=SDP).encode()
        try:
            sock.sendto(msg, target)
        except OSError:
            pass
        sent_invites += 1
    for i in range(max(0, due_garbage)):
        try:
            sock.sendto(GARBAGE[(sent_garbage + i) % len(GARBAGE)], target)
        except OSError:
            pass
    sent_garbage += max(0, due_garbage)
    time.sleep(slice_s)
print(f"flood: {sent_invites} INVITEs and {sent_garbage} garbage datagrams from {source} in {seconds:.0f} s")
