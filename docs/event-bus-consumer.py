#!/usr/bin/env python3
"""Example consumer of the Voice Gateway TCP event-bus bridge (docs/event-bus.md); Python 3 standard library only.

Prints every call event, turns on the audio feed of the first call it sees and writes that call's audio to a
WAV file per leg (call.wav for the first leg, call-leg2.wav, ... for others), then exits when the feed ends.

    VG_API_TOKEN=... python3 docs/event-bus-consumer.py [--host 127.0.0.1] [--port 7000] [--out call.wav]
"""
import argparse, base64, json, os, socket, struct, uuid, wave

HEADER = struct.Struct("<BBH16s16sIQ")  # version, header length, rate, call id, leg id, sequence, timestamp ms


def send(sock, frame, token):
    frame["headers"] = {"token": token}
    data = json.dumps(frame).encode()
    sock.sendall(struct.pack(">I", len(data)) + data)  # a 4-byte big-endian length, then the JSON


def frames(sock):
    buf = b""
    while True:
        while len(buf) < 4 or len(buf) < 4 + struct.unpack(">I", buf[:4])[0]:
            chunk = sock.recv(65536)
            if not chunk:
                return
            buf += chunk
        size = struct.unpack(">I", buf[:4])[0]
        yield json.loads(buf[4:4 + size])
        buf = buf[4 + size:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=int(os.environ.get("VG_BRIDGE_PORT", "7000")))
    ap.add_argument("--token", default=os.environ.get("VG_API_TOKEN", ""))
    ap.add_argument("--out", default="call.wav")
    args = ap.parse_args()

    sock = socket.create_connection((args.host, args.port))
    send(sock, {"type": "register", "address": "vg.call.events"}, args.token)
    print("waiting for calls on", "%s:%d" % (args.host, args.port), flush=True)
    call, legs = None, {}  # leg id -> open wave file
    for frame in frames(sock):
        if frame["type"] == "err":
            print("bridge error:", frame.get("message"))
            continue
        body, address = frame.get("body"), frame.get("address")
        if address == "vg.call.events":
            print(body["type"], body["callId"], body.get("from"), "->", body.get("to"), body.get("headers"),
                  body.get("reason") or "", flush=True)
            if call is None and body["type"] == "CALL_STARTED":
                call = body["callId"]
                send(sock, {"type": "register", "address": "vg.audio." + call}, args.token)
                send(sock, {"type": "send", "address": "vg.command.stream", "replyAddress": "stream-reply",
                            "body": {"callId": call, "enabled": True}}, args.token)
            if body["callId"] == call and body["type"] == "AUDIO_STOPPED" and (body.get("reason") or "").startswith("stream"):
                break
        elif address == "stream-reply":
            print("feed:", body, flush=True)
        elif address == "vg.audio." + str(call):
            msg = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))  # Buffers travel as base64url
            _, header_len, rate, _, leg, seq, ts = HEADER.unpack_from(msg)
            if leg not in legs:
                root, ext = os.path.splitext(args.out)
                name = args.out if not legs else "%s-leg%d%s" % (root, len(legs) + 1, ext)
                legs[leg] = wave.open(name, "wb")
                legs[leg].setnchannels(1), legs[leg].setsampwidth(2), legs[leg].setframerate(rate)
                print("writing leg", uuid.UUID(bytes=leg), "to", name, flush=True)
            legs[leg].writeframes(msg[header_len:])  # PCM16 little-endian, as WAV wants it
    for w in legs.values():
        w.close()
    sock.close()


if __name__ == "__main__":
    main()
