package org.cffi4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cffi4j.testing.ProbeProgram;
import org.junit.jupiter.api.Test;

/**
 * {@code cffi4j layout} of structs and unions of real system headers, checked against the C
 * compiler: every offset, size and bitfield it prints, the total size and alignment, and the holes
 * and trailing padding of those whose members are plain ones. gcc answers through a compiled probe
 * program ({@code offsetof}, {@code sizeof}, and -1 stored into each bitfield of a zeroed record).
 */
class LayoutAgainstGccTest {
    /** The types to lay out, by the header that declares them. */
    private static final Map<String, List<String>> TYPES = types();

    private static Map<String, List<String>> types() {
        Map<String, List<String>> t = new LinkedHashMap<>();
        t.put("time.h", List.of("struct tm", "struct timespec"));
        t.put("sys/time.h", List.of("struct timeval", "struct itimerval"));
        t.put("sys/resource.h", List.of("struct rusage", "struct rlimit")); // rusage: 14 anonymous unions
        t.put("sys/stat.h", List.of("struct stat"));
        t.put("sys/statvfs.h", List.of("struct statvfs"));
        t.put("dirent.h", List.of("struct dirent"));
        t.put("netinet/in.h", List.of("struct sockaddr_in", "struct sockaddr_in6", "struct in6_addr"));
        t.put("netinet/ip.h", List.of("struct iphdr", "struct ip")); // bitfields
        t.put("netinet/tcp.h", List.of("struct tcphdr")); // a union of two anonymous structs with bitfields
        t.put("sys/timex.h", List.of("struct timex")); // unnamed bitfields 'int :32'
        t.put("sys/epoll.h", List.of("struct epoll_event")); // packed on x86-64
        t.put("signal.h", List.of("struct sigaction", "siginfo_t"));
        t.put("pthread.h", List.of("pthread_mutex_t", "struct __pthread_mutex_s", "pthread_attr_t"));
        t.put("sys/utsname.h", List.of("struct utsname"));
        t.put("termios.h", List.of("struct termios"));
        t.put("pwd.h", List.of("struct passwd"));
        t.put("netdb.h", List.of("struct addrinfo"));
        t.put("sys/socket.h", List.of("struct msghdr", "struct sockaddr_storage"));
        t.put("sys/un.h", List.of("struct sockaddr_un"));
        t.put("poll.h", List.of("struct pollfd"));
        t.put("stdlib.h", List.of("div_t", "lldiv_t"));
        t.put("locale.h", List.of("struct lconv"));
        t.put("stdio.h", List.of("FILE"));
        t.put("zlib.h", List.of("z_stream", "gz_header"));
        t.put("sqlite3.h", List.of("sqlite3_vfs"));
        return t;
    }

    @Test
    void everyOffsetSizeBitfieldHoleAndPaddingIsGccs() {
        Map<String, PrintedLayout> printed = new LinkedHashMap<>();
        ProbeProgram probe = new ProbeProgram();
        StringBuilder includes = new StringBuilder();
        TYPES.forEach((header, types) -> {
            includes.append("#include <").append(header).append(">\n");
            for (String type : types) {
                Cli.Result r = Cli.run("layout", type, "--source", "#include <" + header + ">");
                assertEquals(0, r.exitCode(), type + ": " + r.err());
                PrintedLayout layout = PrintedLayout.parse(r.out());
                printed.put(type, layout);
                ask(probe, type, layout);
            }
        });
        Map<String, String> gcc = probe.run(includes.toString());

        List<String> differences = new ArrayList<>();
        printed.forEach((type, layout) -> compare(type, layout, gcc, differences));
        assertEquals(List.of(), differences);
        assertTrue(printed.size() >= 20, printed.keySet().toString());
    }

    private static void ask(ProbeProgram probe, String type, PrintedLayout layout) {
        probe.value(type + "|sizeof", "sizeof(" + type + ")");
        probe.value(type + "|alignof", "_Alignof(" + type + ")");
        for (PrintedLayout.Member m : layout.members()) {
            if (m.name() == null) {
                continue;
            }
            String key = type + "|" + m.name();
            if (m.isBitfield()) {
                probe.bitfield(key + "|bits", type, m.name());
            } else {
                probe.value(key + "|offset", "offsetof(" + type + ", " + m.name() + ")");
                probe.value(key + "|size", "sizeof(((" + type + " *) 0)->" + m.name() + ")");
            }
        }
    }

    private static void compare(String type, PrintedLayout layout, Map<String, String> gcc, List<String> differences) {
        expect(differences, type + " size", gcc.get(type + "|sizeof"), Long.toString(layout.size()));
        expect(differences, type + " alignment", gcc.get(type + "|alignof"), Long.toString(layout.alignment()));
        for (PrintedLayout.Member m : layout.members()) {
            if (m.name() == null) {
                continue;
            }
            String key = type + "|" + m.name();
            if (m.isBitfield()) {
                long[] bits = ProbeProgram.bits(gcc.get(key + "|bits"));
                String place = bits[0] / 8 + "." + bits[0] % 8;
                expect(differences, type + "." + m.name() + " place", place, m.offset());
                expect(differences, type + "." + m.name() + " width", ":" + bits[1], m.size());
            } else {
                expect(differences, type + "." + m.name() + " offset", gcc.get(key + "|offset"), m.offset());
                expect(differences, type + "." + m.name() + " size", gcc.get(key + "|size"), m.size());
            }
        }
        compareHolesAndPadding(type, layout, gcc, differences);
    }

    /**
     * The holes and padding, where the members are plain (named, no bitfield, no anonymous member):
     * a hole is the gap between one member's end and the next one's offset, as gcc places them.
     */
    private static void compareHolesAndPadding(
            String type, PrintedLayout layout, Map<String, String> gcc, List<String> differences) {
        boolean plain = layout.members().stream().allMatch(m -> m.depth() == 1 && !m.isBitfield());
        if (!plain) {
            return;
        }
        long end = 0;
        for (PrintedLayout.Member m : layout.members()) {
            long offset = Long.parseLong(gcc.get(type + "|" + m.name() + "|offset"));
            long size = Long.parseLong(gcc.get(type + "|" + m.name() + "|size"));
            if (!layout.union()) {
                expect(
                        differences,
                        type + " hole before " + m.name(),
                        Long.toString((offset - end) * 8),
                        Long.toString(m.holeBefore()));
            }
            end = Math.max(end, offset + size);
        }
        long sizeof = Long.parseLong(gcc.get(type + "|sizeof"));
        expect(differences, type + " padding", Long.toString((sizeof - end) * 8), Long.toString(layout.padding()));
    }

    private static void expect(List<String> differences, String what, String gcc, String printed) {
        if (!printed.equals(gcc)) {
            differences.add(what + ": printed " + printed + ", gcc " + gcc);
        }
    }
}
