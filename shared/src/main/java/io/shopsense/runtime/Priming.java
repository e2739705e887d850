package io.shopsense.runtime;

import java.util.ArrayList;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Lambda SnapStart priming (docs/architecture.md §9): what a function registers here runs in CRaC's
 * {@code beforeCheckpoint}, after its handler was built and before Lambda takes the snapshot, so the snapshot holds
 * the classes and objects its first request would otherwise load. On a JVM without CRaC (the local cloud, functions
 * that opt out of SnapStart) org.crac's global context is a no-op and nothing runs. Priming never touches the
 * network and reads no data: a snapshot is restored for days, and anything read before it would be stale.
 */
public final class Priming implements Resource {
    /** Lambda's variable naming how this execution environment is initialised. */
    public static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    /** Its value when the init is the one a SnapStart snapshot is taken after. */
    public static final String SNAP_START = "snap-start";

    /** org.crac holds resources weakly; these live as long as the container. */
    private static final List<Priming> REGISTERED = new ArrayList<>();

    private final String name;
    private final Runnable warm;

    private Priming(String name, Runnable warm) {
        this.name = name;
        this.warm = warm;
    }

    /** Registers {@code warm} to run before a checkpoint; {@code name} says what it warms when it fails. */
    public static synchronized void register(String name, Runnable warm) {
        Priming priming = new Priming(name, warm);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    /** How many warm-ups wait for a checkpoint. */
    public static synchronized int registered() {
        return REGISTERED.size();
    }

    /**
     * Runs every registered warm-up now, as {@code beforeCheckpoint} would: what the cold-start probe's
     * {@code --primed} run measures locally. Returns how many failed (each logged).
     */
    public static synchronized int runAll() {
        int failed = 0;
        for (Priming priming : REGISTERED) {
            failed += priming.prime() ? 0 : 1;
        }
        return failed;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to undo: priming opens no connection and keeps no data.
    }

    /** A failed warm-up costs only speed: the snapshot is still taken and the request path loads what it needs. */
    private boolean prime() {
        try {
            warm.run();
            return true;
        } catch (RuntimeException | LinkageError e) {
            LogOutput.write("{\"level\":\"WARN\",\"record\":\"warning\",\"code\":\"priming_failed\",\"message\":\""
                    + name + " priming failed: " + e.getClass().getSimpleName() + "\"}");
            return false;
        }
    }
}
