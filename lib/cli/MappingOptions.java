package lib.cli;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.rules.Contact;
import lib.rules.Pseudonym;
import lib.rules.RedactSalt;
import picocli.CommandLine.Option;

/** How rows are mapped on their way into Helm: the shop's zone and phone region, redaction, a row limit for experiments. */
public final class MappingOptions {
    @Option(names = "--shop-tz", paramLabel = "ZONE", defaultValue = "America/Chicago",
            description = "The shop's time zone; AIM's local times are converted to UTC with it (default: ${DEFAULT-VALUE}).")
    String shopZone;

    @Option(names = "--phone-region", paramLabel = "CC", defaultValue = "US",
            description = "Region for phone numbers written without a country code (default: ${DEFAULT-VALUE}).")
    String phoneRegion;

    @Option(names = "--redact", description = "Write a dry-run fit to leave the shop: customer and staff names, e-mails, phones, street "
            + "addresses and notes become deterministic pseudonyms (same value and salt, same pseudonym); birth dates keep only the year "
            + "(YYYY-01-01) and ZIP codes their first 3 characters, since a full birth date beside a ZIP singles a person out; amounts, "
            + "other dates, SKUs and keys stay exact. The salt comes from env AIM_REDACT_SALT or --redact-salt-file and is never written.")
    boolean redact;

    @Option(names = "--redact-salt-file", paramLabel = "FILE", description = "With --redact: read the salt from this file (at least 8 bytes).")
    Path saltFile;

    @Option(names = "--limit", paramLabel = "N", description = "Read a consistent subset, for quick mapping experiments: the first N "
            + "tickets (and N of each other root table: rentals, repairs, accounts, customers, products...) with their lines, payments and "
            + "every row they refer to, so no orphan is made up; the report says so, the business reconciliation is left out, and --d1-apply refuses the output. Not with --isolation consistent.")
    Integer limit;

    ZoneId zone() {
        try {
            return ZoneId.of(shopZone);
        } catch (DateTimeException e) {
            throw new MigrationException(ExitCode.BAD_INPUT, "--shop-tz " + shopZone + " is not a time zone (e.g. America/Chicago)");
        }
    }

    /** Refuses values out of range. */
    void check() {
        zone();
        if (!Contact.isRegion(phoneRegion)) {
            throw new MigrationException(ExitCode.BAD_INPUT, "--phone-region " + phoneRegion + " is not a region the phone rules know (two capitals: US, GB, CA)");
        }
        if (limit != null && limit < 1) throw new MigrationException(ExitCode.BAD_INPUT, "--limit must be at least 1, not " + limit);
    }

    /** The pseudonyms of a --redact run (the salt from --redact-salt-file or env AIM_REDACT_SALT), else null. */
    Pseudonym pseudonym(Map<String, String> env) {
        return redact ? RedactSalt.pseudonym(saltFile, env) : null;
    }

    int rowLimit() {
        return limit == null ? 0 : limit;
    }
}
