package dev.twinbgp.reactor.sockopt;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * {@link NativeCalls} through {@code java.lang.foreign} (final since Java 22; this file is compiled with
 * {@code --release 22} from {@code src/main/java22}). Needs native access: the runnable jar's manifest says
 * {@code Enable-Native-Access: ALL-UNNAMED}, the tests pass {@code --enable-native-access=ALL-UNNAMED}.
 */
final class FfmCalls implements NativeCalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURED = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURED.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /** int setsockopt(int fd, int level, int optname, const void *optval, socklen_t optlen) */
    private final MethodHandle setsockopt;
    /** int getsockopt(int fd, int level, int optname, void *optval, socklen_t *optlen) */
    private final MethodHandle getsockopt;
    /** char *strerror(int errnum) */
    private final MethodHandle strerror;

    FfmCalls() {
        SymbolLookup libc = LINKER.defaultLookup();
        Linker.Option errno = Linker.Option.captureCallState("errno");
        setsockopt = LINKER.downcallHandle(libc.find("setsockopt").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), errno);
        getsockopt = LINKER.downcallHandle(libc.find("getsockopt").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), errno);
        strerror = LINKER.downcallHandle(libc.find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    @Override
    public void set(int fd, int level, int name, byte[] value) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment captured = arena.allocate(CAPTURED);
            MemorySegment optval = arena.allocate(value.length);
            optval.copyFrom(MemorySegment.ofArray(value));
            int rc = (int) setsockopt.invokeExact(captured, fd, level, name, optval, value.length);
            if (rc != 0) throw new IOException(error(captured));
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("setsockopt failed: " + e, e);
        }
    }

    @Override
    public int getInt(int fd, int level, int name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment captured = arena.allocate(CAPTURED);
            MemorySegment optval = arena.allocate(JAVA_INT);
            MemorySegment optlen = arena.allocate(JAVA_INT);
            optlen.set(JAVA_INT, 0, 4);
            int rc = (int) getsockopt.invokeExact(captured, fd, level, name, optval, optlen);
            if (rc != 0) throw new IOException(error(captured));
            return optval.get(JAVA_INT, 0);
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("getsockopt failed: " + e, e);
        }
    }

    private String error(MemorySegment captured) throws Throwable {
        int errno = (int) ERRNO.get(captured, 0L);
        MemorySegment text = (MemorySegment) strerror.invokeExact(errno);
        return text.reinterpret(256).getString(0) + " (errno " + errno + ")";
    }
}
