package dev.signstream.embedded;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Main class of the registry child JVM: halts the JVM as soon as the process that started it is
 * gone (also after a SIGKILL, which runs no shutdown hook in the parent), then runs the real main
 * class given as the first argument.
 *
 * <p>This class is copied alone onto the child's class path, so it must not use any other class
 * of ours (no inner or anonymous classes).
 */
public final class ParentWatchdog {

    private ParentWatchdog() {
    }

    /**
     * Starts the watchdog, then the real application.
     *
     * @param args the main class to run, then its arguments
     * @throws Exception whatever the real main throws
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ParentWatchdog <main class> [args...]");
        }
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty() || !parent.get().isAlive()) {
            Runtime.getRuntime().halt(3);
        }
        Thread watcher = new Thread(() -> {
            parent.get().onExit().join();
            // The parent is gone: nobody will stop us, and no cleanup here is worth a hang.
            Runtime.getRuntime().halt(0);
        }, "parent-watchdog");
        watcher.setDaemon(true);
        watcher.start();

        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
