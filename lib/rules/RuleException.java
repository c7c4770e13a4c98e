package lib.rules;

/**
 * A value no rule can convert, or a row that cannot be placed: the row goes to the
 * rejects file with the rule's name and the detail; the run goes on.
 */
public class RuleException extends RuntimeException {
    private final String rule;

    public RuleException(String detail) {
        this("invalid_value", detail);
    }

    public RuleException(String rule, String detail) {
        super(detail, null, false, false);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
