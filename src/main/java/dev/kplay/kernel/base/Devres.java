package dev.kplay.kernel.base;

import java.util.ArrayList;
import java.util.List;

/*
 * Managed device resources (drivers/base/devres.c): what devm_kmalloc() and devm_add_action()
 * record against a device. devres_release_all() runs when the driver is unbound (after remove, or
 * after a failed probe) and releases in reverse order of registration: memory is freed, actions
 * are called with their data.
 */

/** The devres list of one device. */
public final class Devres {
    /** One managed resource: memory at {@code addr} (action 0), or a call of action(data). */
    public record Resource(long addr, long action, long data) {
        public boolean isAction() {
            return action != 0;
        }
    }

    private final List<Resource> list = new ArrayList<>();

    void add(Resource r) {
        list.add(r);
    }

    /** Models devres_remove(): drops the newest entry matching, returns it or null. */
    Resource remove(java.util.function.Predicate<Resource> match) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (match.test(list.get(i))) {
                return list.remove(i);
            }
        }
        return null;
    }

    /** Takes every entry, newest first, as release_nodes() walks them; the list is empty after. */
    List<Resource> takeAllNewestFirst() {
        List<Resource> out = new ArrayList<>(list);
        java.util.Collections.reverse(out);
        list.clear();
        return out;
    }
}
