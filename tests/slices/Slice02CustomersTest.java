package tests.slices;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import lib.slices.Slice02Customers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SliceBench;

/** Slice 2 on a few rows: customers (soft deletes, shared account numbers) and their contacts. */
class Slice02CustomersTest {
    @TempDir
    Path dir;

    /** 'a100' is 'A100' to a case-insensitive AIM (and to --profile's count of repeats): a shared number, suffixed; under a _CS_ collation, two. */
    @Test
    void anAccountNumberInAnotherCaseIsTheSameNumberUnlessAimsCollationHasCase() throws Exception {
        for (lib.rules.CodeKey key : new lib.rules.CodeKey[] {lib.rules.CodeKey.CASE_INSENSITIVE, lib.rules.CodeKey.CASE_SENSITIVE}) {
            try (SliceBench bench = SliceBench.open(java.nio.file.Files.createDirectories(dir.resolve(key.describe())))) {
                lib.rules.CodeKey.use(key);
                bench.row("CUST", "CUST_ID", 1, "ACCT_NO", "A100")
                        .row("CUST", "CUST_ID", 2, "ACCT_NO", "a100 ")
                        .row("CUST", "CUST_ID", 3, "ACCT_NO", "b7")
                        .row("CUST", "CUST_ID", 4, "ACCT_NO", "B7");
                bench.run(new Slice02Customers());
                List<String> expected = key.caseSensitive() ? List.of("1|A100", "2|a100", "3|b7", "4|B7") : List.of("1|A100", "2|a100-2", "3|b7", "4|B7-4");
                assertEquals(expected, bench.query("SELECT id, account_no FROM customers ORDER BY id"), key.describe());
                assertEquals(key.caseSensitive() ? 0 : 2, bench.account("CUST").fixCount("ACCT_NO", "duplicate_account"), key.describe());
                bench.assertBalanced("CUST");
            } finally {
                lib.rules.CodeKey.use(null);
            }
        }
    }

    @Test
    void customersLoadConvertedSoftDeletedAreSkippedAndASharedAccountNumberGetsTheCustomersId() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            bench.row("CUST", "CUST_ID", 1, "ACCT_NO", "A100      ", "FIRST_NAME", " Ann", "LAST_NAME", "Lee", "STATE", "IL",
                            "PHONE1", "312.555.0100", "PHONE2", "none", "EMAIL", " Ann.Lee@Example.COM ",
                            "BIRTH_DATE", LocalDateTime.of(1980, 2, 29, 0, 0), "CREATED", LocalDateTime.of(2024, 1, 15, 9, 30, 0),
                            "TAX_EXEMPT", "N", "DELETED", "N", "NOTES", "line1\nline2\u0007",
                            "ROW_GUID", "ABCDEF00-1111-2222-3333-444455556666")
                    .row("CUST", "CUST_ID", 2, "ACCT_NO", "A100", "DELETED", "Y")
                    .row("CUST", "CUST_ID", 3, "ACCT_NO", "A100      ", "EMAIL", "not-an-email", "TAX_EXEMPT", "Y",
                            "CREATED", LocalDateTime.of(2024, 7, 4, 12, 0))
                    .row("CUST", "CUST_ID", 4, "ACCT_NO", "A400", "DELETED", "X");
            bench.run(new Slice02Customers());

            assertEquals(List.of(
                    // Central time is UTC-6 in January and UTC-5 in July; the e-mail is trimmed and lower-cased; the
                    // bell character left in the note is dropped, its newline kept; the GUID is lower case.
                    "1|CUST:1|A100|Ann|Lee|IL|+13125550100|null|null|none|ann.lee@example.com|null|1980-02-29|2024-01-15T15:30:00Z|0|line1\nline2|abcdef00-1111-2222-3333-444455556666",
                    // Customer 2 (deleted) does not hold A100; customer 3 shares customer 1's number and gets "-3".
                    "3|CUST:3|A100-3|null|null|null|null|null|null|null|null|not-an-email|null|2024-07-04T17:00:00Z|1|null|null"),
                    bench.query("SELECT id, legacy_key, account_no, first_name, last_name, state, phone, phone_unparsed, phone_alt, "
                            + "phone_alt_unparsed, email, email_unparsed, birth_date, created_at, is_tax_exempt, notes, legacy_guid "
                            + "FROM customers ORDER BY id"));
            var cust = bench.account("CUST");
            assertEquals(List.of(4L, 2L), List.of(cust.read, cust.loaded));
            assertEquals(Map.of("soft_deleted", 1L), cust.skipped);
            assertEquals(Map.of("invalid_value", 1L), cust.rejected);
            assertEquals(List.of("invalid_value 4"), bench.rejected("CUST"));
            assertEquals("unrecognized flag value 'X'", bench.rejects("CUST").get(0).get(1));
            assertEquals(1, cust.fixCount("ACCT_NO", "duplicate_account"));
            assertEquals(1, cust.fixCount("EMAIL", "email_invalid"));
            assertEquals(1, cust.fixCount("PHONE2", "phone_unparseable"));
            assertEquals(1, cust.fixCount("NOTES", "control_chars"));
            assertEquals(1, cust.fixCount("FIRST_NAME", "stray_spaces"));
            assertEquals(1, cust.fixCount("DELETED", "flag_blank"), "customer 3's NULL DELETED means not deleted");
            bench.assertBalanced("CUST");
        }
    }

    @Test
    void textThatWouldChangeOnItsWayChangesOnlyByACountedRule() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            bench.row("CUST", "CUST_ID", 1, "ACCT_NO", "A1", "FIRST_NAME", "Zo\uD83D", "LAST_NAME", "Lee",
                    "PHONE1", "(312) 555-0100 ext. 42", "PHONE2", "1-800-FLOWERS", "NOTES", "\u0001\u0002", "DELETED", "N");
            bench.run(new Slice02Customers());
            // The half emoji becomes U+FFFD; the extension stays with the number; the vanity number keeps
            // its letters beside its digits (F=3 L=5 O=6 W=9 E=3 R=7 S=7); a note of control characters is NULL.
            assertEquals(List.of("Zo\uFFFD|+13125550100;ext=42|null|+18003569377|1-800-FLOWERS|null"),
                    bench.query("SELECT first_name, phone, phone_unparsed, phone_alt, phone_alt_unparsed, notes FROM customers"));
            var cust = bench.account("CUST");
            assertEquals(1, cust.fixCount("FIRST_NAME", "lone_surrogate"));
            assertEquals(1, cust.fixCount("PHONE1", "phone_extension"));
            assertEquals(1, cust.fixCount("PHONE2", "phone_original_kept"));
            assertEquals(1, cust.fixCount("NOTES", "control_chars"));
            assertEquals(1, cust.fixCount("NOTES", "empty_string"));
            bench.assertBalanced("CUST");
        }
    }

    @Test
    void aContactOfASkippedCustomerIsSkippedAndOfAMissingOneRejected() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            bench.row("CUST", "CUST_ID", 1, "DELETED", "N")
                    .row("CUST", "CUST_ID", 2, "DELETED", "Y")
                    .row("CUST", "CUST_ID", 4, "DELETED", "?")
                    .row("CUSTCONT", "CUST_ID", 1, "SEQ", 1, "CONTACT_NAME", "Bob Lee", "RELATION", "spouse", "PHONE", "3125550101",
                            "EMAIL", "BOB@LEE.NET")
                    .row("CUSTCONT", "CUST_ID", 1, "SEQ", 2, "CONTACT_NAME", " ", "PHONE", "555")
                    .row("CUSTCONT", "CUST_ID", 2, "SEQ", 1, "CONTACT_NAME", "Gone's parent")
                    .row("CUSTCONT", "CUST_ID", 4, "SEQ", 1, "CONTACT_NAME", "Rejected's parent")
                    .row("CUSTCONT", "CUST_ID", 9, "SEQ", 1, "CONTACT_NAME", "Nobody's parent");
            bench.run(new Slice02Customers());

            assertEquals(List.of(
                    // id = customer * 100 + SEQ
                    "101|CUSTCONT:1/1|1|Bob Lee|spouse|+13125550101|null|bob@lee.net|null",
                    "102|CUSTCONT:1/2|1|null|null|null|555|null|null"),
                    bench.query("SELECT id, legacy_key, customer_id, name, relation, phone, phone_unparsed, email, email_unparsed "
                            + "FROM customer_contacts ORDER BY id"));
            var contacts = bench.account("CUSTCONT");
            assertEquals(List.of(5L, 2L), List.of(contacts.read, contacts.loaded));
            assertEquals(Map.of("parent_skipped", 1L), contacts.skipped, "customer 2 was soft-deleted");
            assertEquals(Map.of("parent_rejected", 1L, "orphan_customer", 1L), contacts.rejected, "customer 4 was rejected, customer 9 never existed");
            assertEquals(List.of("parent_rejected 4/1", "orphan_customer 9/1"), bench.rejected("CUSTCONT"));
            assertEquals("customer 4 was rejected (see rejects/CUST.csv)", bench.rejects("CUSTCONT").get(0).get(1));
            assertEquals("customer 9 does not exist", bench.rejects("CUSTCONT").get(1).get(1));
            assertEquals("customer 9 does not exist", bench.rejects("CUSTCONT").get(1).get(1));
            bench.assertBalanced("CUSTCONT");
            bench.assertBalanced("CUST");
        }
    }
}
