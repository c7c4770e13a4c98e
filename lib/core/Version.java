package lib.core;

/** The toolkit's version, shown by --version of every script and written into reports. */
public final class Version {
    public static final String TOOLKIT = "0.1.0";

    private Version() {}
}
