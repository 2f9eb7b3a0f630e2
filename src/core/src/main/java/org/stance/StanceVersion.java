package org.stance;

/** The version of this library, from its jar manifest (set by Maven); "dev" when run from classes. */
public final class StanceVersion {

    private StanceVersion() {
    }

    public static String get() {
        String v = StanceVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
