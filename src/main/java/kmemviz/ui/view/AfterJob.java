package kmemviz.ui.view;

/**
 * A view's share of a background job's hand-back that needs no FX thread, so that the frames after a job stay
 * short: {@link #beforeJob} reads on the FX thread, as the job takes the kernel, what the work needs of the view
 * (its size, zoom, colours); the {@link Work} it returns runs on the job's thread when the job ends, reading the
 * kernel the job leaves, as {@link ShownMemory#capture} does; its {@link Result} is shown on the FX thread when the
 * job hands the kernel back, before the view hears of the new state.
 */
@FunctionalInterface
public interface AfterJob {
    /** FX thread, as a job takes the kernel. */
    Work beforeJob();

    /** Runs on the job's thread once the job is over (after any rollback); reads the kernel, touches no node. */
    @FunctionalInterface
    interface Work {
        Result compute();
    }

    /** Runs on the FX thread at the hand-back: takes what {@link Work#compute} made. */
    @FunctionalInterface
    interface Result {
        void show();
    }
}
