# Free loopback ports for the bench scripts (needs python3). Source it.

# free_ports COUNT: COUNT distinct UDP+TCP ports that are free on 127.0.0.1 now.
free_ports() {
  python3 - "$1" <<'PY'
import socket, sys
held, out = [], []
while len(out) < int(sys.argv[1]):
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 0)); port = u.getsockname()[1]
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        t.bind(("127.0.0.1", port)); held += [u, t]; out.append(port)
    except OSError:
        u.close(); t.close()
print(" ".join(map(str, out)))
PY
}

# free_range SIZE: the first even port P in 20000-59998 with P..P+SIZE-1 all free for UDP on 127.0.0.1.
free_range() {
  python3 - "$1" <<'PY'
import sys
size = int(sys.argv[1])
used = set()
for f in ("/proc/net/udp", "/proc/net/udp6", "/proc/net/tcp", "/proc/net/tcp6"):
    try:
        for line in open(f).readlines()[1:]:
            used.add(int(line.split()[1].split(":")[1], 16))
    except OSError:
        pass
p = 20000
while p + size < 60000:
    clash = [q for q in range(p, p + size) if q in used]
    if not clash:
        print(p); sys.exit(0)
    p = (max(clash) + 2) & ~1
sys.exit("no free range of %d UDP ports" % size)
PY
}
