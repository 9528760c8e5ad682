package kmemviz.ui.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The scripts opened or saved lately, newest first, at most {@link #MAX}, kept in a preferences node (keys
 * {@code 0..MAX-1}) so that File > Open recent survives a restart. The app passes the user's node; tests pass one
 * under the test preferences root.
 */
public final class RecentScripts {
    public static final int MAX = 8;
    private final Preferences node;

    public RecentScripts(Preferences node) { this.node = node; }

    /** The user's list: a node beside the window size the app keeps. */
    public static RecentScripts user() { return new RecentScripts(Preferences.userNodeForPackage(RecentScripts.class).node("recent-scripts")); }

    /** The scripts, newest first. */
    public List<Path> paths() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            String p = node.get(String.valueOf(i), null);
            if (p != null) out.add(Path.of(p));
        }
        return out;
    }

    /** {@code script} was opened or saved: it goes first, once, and the oldest beyond MAX drops off. */
    public void add(Path script) {
        List<Path> list = paths();
        Path p = script.toAbsolutePath().normalize();
        list.remove(p);
        list.add(0, p);
        store(list);
    }

    /** {@code script} could not be read (moved, deleted): it leaves the list. */
    public void remove(Path script) {
        List<Path> list = paths();
        if (list.remove(script.toAbsolutePath().normalize())) store(list);
    }

    private void store(List<Path> list) {
        for (int i = 0; i < MAX; i++) {
            if (i < list.size()) node.put(String.valueOf(i), list.get(i).toString());
            else node.remove(String.valueOf(i));
        }
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // The list is a convenience: a store that cannot be written keeps it for this run only.
        }
    }
}
