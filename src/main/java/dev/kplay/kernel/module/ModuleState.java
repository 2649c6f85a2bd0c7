package dev.kplay.kernel.module;

/** enum module_state, with the words /proc/modules and /sys/module/X/initstate use. */
public enum ModuleState {
    LIVE("Live", "live"), COMING("Loading", "coming"), GOING("Unloading", "going"), UNFORMED("Loading", "unformed");

    /** The /proc/modules state column. */
    public final String procWord;
    /** /sys/module/X/initstate. */
    public final String initstate;

    ModuleState(String procWord, String initstate) {
        this.procWord = procWord;
        this.initstate = initstate;
    }
}
