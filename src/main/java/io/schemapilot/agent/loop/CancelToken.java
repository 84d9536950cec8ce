package io.schemapilot.agent.loop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Ctrl-C for a run: {@link #cancel()} sets the flag and runs the hooks (e.g. a streaming handle's cancel). */
public final class CancelToken {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            for (Runnable h : hooks) {
                try {
                    h.run();
                } catch (RuntimeException ignored) {
                    // a hook that fails must not keep the others from running
                }
            }
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Runs {@code hook} on cancel (at once when already cancelled); returns a handle that removes it. */
    public Runnable onCancel(Runnable hook) {
        hooks.add(hook);
        if (cancelled.get()) {
            hook.run();
        }
        return () -> hooks.remove(hook);
    }
}
