package org.stance;

/**
 * A setting (a training hyperparameter, a scoring parameter) out of its range. It names the
 * setting as the library calls it, so that a front end can name its own option for it.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private final String setting;

    public InvalidSettingException(String setting, Object value, String requirement) {
        super(setting + " must be " + requirement + ", got " + value);
        this.setting = setting;
    }

    /** The setting's name as in the library's records (e.g. "learningRate"). */
    public String setting() {
        return setting;
    }

    /** The option a command line names a setting by, by the rule front ends follow: camelCase → --kebab-case. */
    public static String optionFor(String setting) {
        return "--" + setting.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The message without the setting's name: "must be …, got …". */
    public String requirement() {
        return getMessage().substring(setting.length() + 1);
    }

    public static void require(boolean ok, String setting, Object value, String requirement) {
        if (!ok) {
            throw new InvalidSettingException(setting, value, requirement);
        }
    }

    /** A finite number in [min, max] (NaN and infinities are refused). */
    public static void requireRange(double value, double min, double max, String setting) {
        require(Double.isFinite(value) && value >= min && value <= max, setting, value, "a finite number from " + min + " to " + max);
    }
}
