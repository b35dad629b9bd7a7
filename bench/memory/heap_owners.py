#!/usr/bin/env python3
"""Who holds the live heap: reads HPROF heap dumps (`jcmd <pid> GC.heap_dump FILE`, live objects only) and
attributes every object reachable from a GC root to its *owner*, the nearest object above it on a shortest path
from a root whose class is not the JDK's (java.*, jdk.*, sun.*, arrays): a byte[] inside a HashMap inside a
SipTraceStore is charged to SipTraceStore. Sizes are estimated for a 64-bit JVM with compressed references
(12-byte header, 4-byte references, 8-byte alignment), close to `jcmd GC.class_histogram`'s.

  heap_owners.py DUMP                       owners by bytes held
  heap_owners.py BASE.hprof LOADED.hprof N  per unit of N (e.g. calls up in LOADED, none in BASE): the owners
                                            whose holdings grew, in bytes per unit, largest first
  heap_owners.py --paths DUMP CLASS...      for each CLASS (binary name), its instances grouped by the shape of
                                            their shortest path from a GC root (what keeps them live)

Pure Python (no dependency), ~10 s per 50 MB dump. Only HPROF 1.0.2 with 8-byte identifiers (HotSpot 64-bit).
"""
import collections
import mmap
import signal
import struct
import sys

TSIZE = {2: 8, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}  # as written in the dump (references: 8)
LIVE_SIZE = {2: 4, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}  # in the heap (compressed references)
ROOTS = {0xFF: ('unknown', 0), 0x01: ('jni-global', 8), 0x02: ('jni-local', 8), 0x03: ('java-frame', 8),
         0x04: ('native-stack', 4), 0x05: ('sticky-class', 0), 0x06: ('thread-block', 4), 0x07: ('monitor', 0),
         0x08: ('thread-object', 8), 0x89: ('interned', 0), 0x8a: ('finalizing', 0), 0x8b: ('debugger', 0),
         0x8c: ('reference-cleanup', 0), 0x8d: ('vm-internal', 0), 0x8e: ('jni-monitor', 8), 0x90: ('unreachable', 0)}
U4, U2, ID = struct.Struct('>I'), struct.Struct('>H'), struct.Struct('>Q')
JDK_PREFIXES = ('java.', 'jdk.', 'sun.', 'com.sun.')


def align(n):
    return (n + 7) & ~7


class Dump:
    def __init__(self, path):
        f = open(path, 'rb')
        self.m = m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        start = m.find(b'\0') + 1
        if U4.unpack_from(m, start)[0] != 8:
            raise SystemExit('only 8-byte identifiers are supported')
        self.strings, self.class_name_id, self.classes = {}, {}, {}
        self.inst, self.objarr, self.primarr, self.roots = {}, {}, {}, []
        pos, n = start + 12, len(m)
        while pos < n:
            tag, length = m[pos], U4.unpack_from(m, pos + 5)[0]
            body, end = pos + 9, pos + 9 + length
            if tag == 0x01:
                self.strings[ID.unpack_from(m, body)[0]] = m[body + 8:end].decode('utf-8', 'replace')
            elif tag == 0x02:
                self.class_name_id[ID.unpack_from(m, body + 4)[0]] = ID.unpack_from(m, body + 16)[0]
            elif tag in (0x0C, 0x1C):
                self._heap(body, end)
            pos = end
        self.layouts = {}

    def _heap(self, p, end):
        m = self.m
        while p < end:
            sub = m[p]
            p += 1
            if sub in ROOTS:
                self.roots.append((ID.unpack_from(m, p)[0], ROOTS[sub][0]))
                p += 8 + ROOTS[sub][1]
            elif sub == 0x20:  # class dump
                cid, sup = ID.unpack_from(m, p)[0], ID.unpack_from(m, p + 12)[0]
                p = self._class_body(cid, sup, p + 8 + 4 + 8 * 6 + 4)  # past ids, stack serial, instance size
            elif sub == 0x21:
                oid, cid, nb = ID.unpack_from(m, p)[0], ID.unpack_from(m, p + 12)[0], U4.unpack_from(m, p + 20)[0]
                self.inst[oid] = (cid, p + 24)
                p += 24 + nb
            elif sub == 0x22:
                oid, count, acid = ID.unpack_from(m, p)[0], U4.unpack_from(m, p + 12)[0], ID.unpack_from(m, p + 16)[0]
                self.objarr[oid] = (acid, p + 24, count)
                p += 24 + 8 * count
            elif sub == 0x23:
                oid, count, t = ID.unpack_from(m, p)[0], U4.unpack_from(m, p + 12)[0], m[p + 16]
                self.primarr[oid] = (t, count)
                p += 17 + TSIZE[t] * count
            else:
                raise SystemExit('unknown heap record 0x%x' % sub)

    def _class_body(self, cid, sup, p):
        m = self.m  # p is at the constant pool's count
        count = U2.unpack_from(m, p)[0]
        p += 2
        for _ in range(count):
            p += 3 + TSIZE[m[p + 2]]
        statics = []
        count = U2.unpack_from(m, p)[0]
        p += 2
        for _ in range(count):
            name, t = ID.unpack_from(m, p)[0], m[p + 8]
            p += 9
            if t == 2:
                statics.append((name, ID.unpack_from(m, p)[0]))
            p += TSIZE[t]
        fields = []
        count = U2.unpack_from(m, p)[0]
        p += 2
        for _ in range(count):
            fields.append((ID.unpack_from(m, p)[0], m[p + 8]))
            p += 9
        self.classes[cid] = (sup, fields, statics)
        return p

    def class_name(self, cid):
        return self.strings.get(self.class_name_id.get(cid), '?').replace('/', '.')

    def fields(self, cid):
        out = self.layouts.get(cid)
        if out is None:
            out, c = [], cid
            while c in self.classes:
                out.extend((self.strings.get(name, '?'), t) for name, t in self.classes[c][1])
                c = self.classes[c][0]
            self.layouts[cid] = out
        return out

    def refs(self, oid):
        m = self.m
        if oid in self.inst:
            cid, p = self.inst[oid]
            for name, t in self.fields(cid):
                if t == 2:
                    v = ID.unpack_from(m, p)[0]
                    if v:
                        yield v, name
                p += TSIZE[t]
        elif oid in self.objarr:
            _, p, count = self.objarr[oid]
            for i in range(count):
                v = ID.unpack_from(m, p + 8 * i)[0]
                if v:
                    yield v, '[]'
        elif oid in self.classes:
            for name, v in self.classes[oid][2]:
                if v:
                    yield v, 'static ' + self.strings.get(name, '?')

    def kind(self, oid):
        if oid in self.inst:
            return self.class_name(self.inst[oid][0])
        if oid in self.objarr:
            return self.class_name(self.objarr[oid][0])
        if oid in self.primarr:
            return {4: 'boolean[]', 5: 'char[]', 6: 'float[]', 7: 'double[]', 8: 'byte[]', 9: 'short[]',
                    10: 'int[]', 11: 'long[]'}[self.primarr[oid][0]]
        if oid in self.classes:
            return 'class ' + self.class_name(oid)
        return '?'

    def size(self, oid):
        if oid in self.inst:
            return align(12 + sum(LIVE_SIZE[t] for _, t in self.fields(self.inst[oid][0])))
        if oid in self.objarr:
            return align(16 + 4 * self.objarr[oid][2])
        if oid in self.primarr:
            t, count = self.primarr[oid]
            return align(16 + LIVE_SIZE[t] * count)
        return 0

    def tree(self):
        """Shortest paths from the GC roots: object -> (parent or None, field or root kind)."""
        parent, queue = {}, collections.deque()
        for oid, kind in self.roots:
            if oid not in parent:
                parent[oid] = (None, 'root:' + kind)
                queue.append(oid)
        while queue:
            o = queue.popleft()
            for v, name in self.refs(o):
                if v not in parent:
                    parent[v] = (o, name)
                    queue.append(v)
        return parent


def own_class(name):
    return not (name.startswith(JDK_PREFIXES) or name.endswith('[]') or name.startswith('[') or name == '?')


def owner_name(name):
    # Lambdas and hidden classes of one owner are one owner: Foo$$Lambda$123+0x... -> Foo$$Lambda
    i = name.find('$$Lambda')
    return name[:i + 8] if i >= 0 else name


def owners(dump):
    """bytes and objects held per owner (the object itself counts to its own class when that is not the JDK's)."""
    parent = dump.tree()
    kinds, owner_of, held, count = {}, {}, collections.Counter(), collections.Counter()
    for oid in parent:  # in BFS order: a parent's owner is known before its children's
        kind = kinds[oid] = dump.kind(oid)
        if own_class(kind) and not kind.startswith('class '):
            owner = owner_name(kind)
        else:
            p = parent[oid][0]
            owner = owner_of.get(p, 'root') if p is not None else 'root:' + kind
        owner_of[oid] = owner
        held[owner] += dump.size(oid)
        count[owner] += 1
    return held, count


def main(argv):
    if len(argv) >= 3 and argv[0] == '--paths':
        dump = Dump(argv[1])
        parent = dump.tree()
        wanted = set(argv[2:])
        shapes, counts = collections.Counter(), collections.Counter()
        for oid in dump.inst:
            kind = dump.kind(oid)
            if kind not in wanted:
                continue
            counts[kind] += 1
            if oid not in parent:
                continue
            chain, o = [], oid
            while o is not None and len(chain) < 12:
                p, name = parent[o]
                chain.append('%s.%s' % (owner_name(dump.kind(p)), name) if p is not None else name)
                o = p
            shapes[(kind, ' <- '.join(chain))] += 1
        for kind, n in counts.items():
            print('%s: %d live' % (kind, n))
        for (kind, shape), n in shapes.most_common(30):
            print('%6d  %s\n        held by %s' % (n, kind, shape))
    elif len(argv) == 1:
        held, count = owners(Dump(argv[0]))
        print('%12s %9s  owner' % ('bytes', 'objects'))
        for owner, b in held.most_common(60):
            print('%12d %9d  %s' % (b, count[owner], owner))
        print('%12d %9d  total' % (sum(held.values()), sum(count.values())))
    elif len(argv) == 3:
        base, base_count = owners(Dump(argv[0]))
        loaded, loaded_count = owners(Dump(argv[1]))
        n = float(argv[2])
        rows = [(loaded[o] - base[o], o) for o in set(base) | set(loaded)]
        total = sum(loaded.values()) - sum(base.values())
        print('%10s %8s  owner (growth per unit of %g; total %.0f bytes per unit)' % ('bytes', 'objects', n, total / n))
        for delta, owner in sorted(rows, reverse=True)[:60]:
            if delta <= 0:
                break
            print('%10.0f %8.1f  %s' % (delta / n, (loaded_count[owner] - base_count[owner]) / n, owner))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == '__main__':
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # piped into head: stop quietly
    sys.exit(main(sys.argv[1:]))
