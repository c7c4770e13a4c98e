package lib.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import lib.core.ExitCode;
import lib.core.Json;
import lib.core.MigrationException;
import lib.rules.Pseudonym;
import lib.source.SourceIdentity;

/**
 * out/source.json: which AIM database the output was read from (never a login), which --limit
 * subset, and how its rows were mapped (--shop-tz, --phone-region, --redact and which salt). A
 * --slice re-run merges into that output, so before anything is read it must name the same
 * database, subset and mapping: else one output would hold times of two zones, or real names
 * beside pseudonyms. --all replaces everything and may read another.
 */
public final class SourceFile {
    public static final String FILE = "source.json";

    private SourceFile() {}

    /**
     * How an output's rows were mapped: the shop zone's id, the phone region, and "none" or, of a redacted output,
     * a fingerprint of its salt ({@link Pseudonym#fingerprint}; the salt itself is never written).
     */
    public record Mapping(String shopZone, String phoneRegion, String redaction) {
        public static Mapping of(ZoneId shopZone, String phoneRegion, Pseudonym redact) {
            return new Mapping(shopZone.getId(), phoneRegion, redact == null ? "none" : redact.fingerprint());
        }
    }

    static void write(Path dir, SourceIdentity source, int limit, Mapping mapping) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source.toMap());
        m.put("limit", limit > 0 ? limit : null);
        m.put("shop_time_zone", mapping.shopZone());
        m.put("phone_region", mapping.phoneRegion());
        m.put("redaction", mapping.redaction());
        if (!mapping.redaction().equals("none")) m.put("redaction_scope", Pseudonym.SCOPE);
        Files.writeString(dir.resolve(FILE), Json.write(m), StandardCharsets.UTF_8);
    }

    /** Refuses (exit 2, naming both) a --slice re-run into {@code out} that reads another database or subset, or maps it otherwise. */
    public static void requireSame(Path out, SourceIdentity source, int limit, Mapping mapping) {
        Path file = out.resolve(FILE);
        if (source == null) return;
        String rebuild = ": a --slice re-run cannot tell whether it reads the same AIM the kept slices came from; run --all to start over, or use another --out";
        if (!Files.isRegularFile(file)) {
            if (!Files.isRegularFile(out.resolve("helm.sqlite"))) return; // nothing kept to compare with
            throw new MigrationException(ExitCode.BAD_INPUT, out + " holds no " + FILE + " (deleted, or the output of a version before it)" + rebuild);
        }
        SourceIdentity held;
        int heldLimit;
        String zone, region, redaction;
        Object scope;
        try {
            Map<String, Object> m = Json.read(Files.readString(file, StandardCharsets.UTF_8));
            held = SourceIdentity.fromMap(Json.object(m.get("source")));
            heldLimit = m.get("limit") == null ? 0 : (int) Json.integer(m.get("limit"));
            zone = (String) m.get("shop_time_zone");
            region = (String) m.get("phone_region");
            redaction = (String) m.get("redaction");
            scope = m.get("redaction_scope");
        } catch (IOException | RuntimeException e) {
            throw new MigrationException(ExitCode.BAD_INPUT, out.resolve(FILE) + " cannot be read (damaged or edited)" + rebuild, e);
        }
        if (!held.equals(source)) {
            // An output an earlier version made from a URL without databaseName kept no database: which one it read is not known.
            String unknown = !held.knownBeforeLogin() && source.knownBeforeLogin() && held.kind().equals(source.kind()) && Objects.equals(held.server(), source.server())
                    ? " (an earlier version made it and did not record which database the login's default was; one --all records it)" : "";
            throw new MigrationException(ExitCode.BAD_INPUT, out + " holds a migration of " + held.label() + unknown + "; this run reads "
                    + source.label() + ": use --all to start over, or another --out");
        }
        if (heldLimit != limit) {
            throw new MigrationException(ExitCode.BAD_INPUT, out + " holds " + (heldLimit > 0 ? "a subset (--limit " + heldLimit + ")" : "every row")
                    + " of " + held.label() + "; this run reads " + (limit > 0 ? "a subset (--limit " + limit + ")" : "every row")
                    + ": use the same --limit, --all to start over, or another --out");
        }
        if (zone == null || redaction == null) { // an output of a version before they were kept here: its report says as much
            Map<String, Object> report = earlierReport(out);
            if (zone == null) zone = (String) report.get("shop_time_zone");
            if (redaction == null && report.get("redacted") instanceof Boolean r) redaction = r ? ANY_SALT : "none";
        }
        String instead = ", --all to start over, or another --out";
        if (zone != null && !sameRules(zone, mapping.shopZone())) {
            throw new MigrationException(ExitCode.BAD_INPUT, out + " holds AIM's times converted with --shop-tz " + zone + "; this run would use "
                    + mapping.shopZone() + ": use --shop-tz " + zone + instead);
        }
        if (region != null && !region.equals(mapping.phoneRegion())) {
            throw new MigrationException(ExitCode.BAD_INPUT, out + " holds phone numbers read with --phone-region " + region + "; this run would use "
                    + mapping.phoneRegion() + ": use --phone-region " + region + instead);
        }
        boolean sameRedaction = redaction == null || redaction.equals(mapping.redaction())
                || redaction.equals(ANY_SALT) && !mapping.redaction().equals("none");
        if (!sameRedaction) {
            String why = redaction.equals("none") ? "a plain migration (real names); this run is --redact: leave --redact out"
                    : mapping.redaction().equals("none") ? "a redacted migration (pseudonyms); this run is not: add --redact with the same salt"
                    : "a migration redacted with another salt: use the same AIM_REDACT_SALT or --redact-salt-file";
            throw new MigrationException(ExitCode.BAD_INPUT, out + " holds " + why + instead);
        }
        if (redaction != null && !redaction.equals("none") && !(scope instanceof Number n && n.intValue() == Pseudonym.SCOPE)) {
            throw new MigrationException(ExitCode.BAD_INPUT, out + " was redacted by an earlier version of the toolkit, which left more values "
                    + "plain (a customer's city, the free text about one customer): run --all to redact it whole, or use another --out");
        }
    }

    /** A redacted output whose salt's fingerprint was not kept (an earlier version's): any salt is taken. */
    private static final String ANY_SALT = "redacted";

    private static Map<String, Object> earlierReport(Path out) {
        try {
            Path report = out.resolve("report.json");
            return Files.isRegularFile(report) ? Json.read(Files.readString(report, StandardCharsets.UTF_8)) : Map.of();
        } catch (IOException | RuntimeException e) {
            return Map.of(); // no report to go by: nothing more to compare
        }
    }

    /** Two names of zones with the same rules (US/Central and America/Chicago, UTC and Etc/UTC) convert times alike. */
    private static boolean sameRules(String a, String b) {
        try {
            return a.equals(b) || ZoneId.of(a).getRules().equals(ZoneId.of(b).getRules());
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }
}
