package tests.slices;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import lib.rules.LegacyId;
import lib.slices.Slice01Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SliceBench;

/** Slice 1 on a few rows: stores, staff, tax rates, payment methods, categories. */
class Slice01ReferenceTest {
    @TempDir
    Path dir;

    @Test
    void storesAndStaffLoadWithCleanedValuesAndAnOrphanStoreIsRejected() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            bench.row("STORE", "STORE_NO", 1, "STORE_NAME", "Main Street" + " ".repeat(19), "ADDRESS", " 12 Main St ",
                            "PHONE", "(312) 555-0142", "ACTIVE", "Y", "OPENED", LocalDateTime.of(1998, 4, 1, 0, 0))
                    .row("STORE", "STORE_NO", 2, "STORE_NAME", "   ", "PHONE", "ask Bob", "ACTIVE", "n",
                            "OPENED", LocalDateTime.of(1900, 1, 1, 0, 0))
                    .row("STORE", "STORE_NO", 3, "STORE_NAME", "Outlet", "ACTIVE", "Q")
                    .row("EMPLOYEE", "EMP_ID", 10, "STORE_NO", 1, "FIRST_NAME", "Ana", "LAST_NAME", "Ruiz", "INITIALS", "AR  ",
                            "HIRE_DATE", LocalDateTime.of(2015, 6, 1, 0, 0), "IS_MGR", "Y")
                    .row("EMPLOYEE", "EMP_ID", 11, "STORE_NO", 3, "ACTIVE", true, "IS_MGR", "N")
                    .row("EMPLOYEE", "EMP_ID", 12, "STORE_NO", 2, "ACTIVE", false);
            bench.run(new Slice01Reference());

            assertEquals(List.of(
                    "1|STORE:1|1|Main Street|12 Main St|+13125550142|null|1|1998-04-01",
                    // A blank name becomes "Store N"; what is no phone number is kept unparsed; 'n' is a flag variant;
                    // the 1900-01-01 sentinel means no date.
                    "2|STORE:2|2|Store 2|null|null|ask Bob|0|null"),
                    bench.query("SELECT id, legacy_key, store_no, name, address, phone, phone_unparsed, is_active, opened_on FROM stores ORDER BY id"));
            assertEquals(List.of("invalid_value 3"), bench.rejected("STORE"));
            List<String> reject = bench.rejects("STORE").get(0);
            assertEquals("unrecognized flag value 'Q'", reject.get(1));
            assertEquals(List.of("3", "Outlet", "", "", "Q", ""), reject.subList(3, reject.size()), "every value read, NULL as empty");
            var store = bench.account("STORE");
            assertEquals(List.of(3L, 2L), List.of(store.read, store.loaded));
            assertEquals(Map.of("invalid_value", 1L), store.rejected);
            assertEquals(Map.of(), store.skipped);
            assertEquals(1, store.fixCount("PHONE", "phone_unparseable"));
            assertEquals(1, store.fixCount("OPENED", "sentinel_date"));
            assertEquals(1, store.fixCount("ADDRESS", "stray_spaces"));
            assertEquals(1, store.fixCount("ACTIVE", "flag_variant"));
            bench.assertBalanced("STORE");

            assertEquals(List.of(
                    // A NULL ACTIVE bit takes the default 1; IS_MGR 'Y' is a manager; CHAR padding is dropped.
                    "10|EMPLOYEE:10|1|Ana|Ruiz|AR|2015-06-01|1|1",
                    "12|EMPLOYEE:12|2|null|null|null|null|0|0"),
                    bench.query("SELECT id, legacy_key, store_id, first_name, last_name, initials, hired_on, is_active, is_manager FROM staff ORDER BY id"));
            assertEquals(List.of("parent_rejected 11"), bench.rejected("EMPLOYEE"), "store 3 was rejected, so its staff have no store");
            assertEquals("store 3 was rejected (see rejects/STORE.csv)", bench.rejects("EMPLOYEE").get(0).get(1));
            assertEquals(Map.of("parent_rejected", 1L), bench.account("EMPLOYEE").rejected);
            bench.assertBalanced("EMPLOYEE");
        }
    }

    @Test
    void codesHashToIdsRatesBecomePartsPerMillionAndCategoriesFindParentsThatSortAfterThem() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            bench.row("TAXRATE", "TAX_CODE", "STATE ", "DESCRIPTION", "State tax", "RATE", new BigDecimal("8.2500"))
                    .row("TAXRATE", "TAX_CODE", "NONE  ", "DESCRIPTION", "No rate")
                    .row("PAYTYPE", "PAY_CODE", "CASH", "DESCRIPTION", "Cash", "IS_CASH", "Y", "OPENS_DRAWER", true)
                    .row("PAYTYPE", "PAY_CODE", "VISA", "DESCRIPTION", " Visa", "IS_CASH", "N")
                    .row("CATEGORY", "CAT_CODE", "BRASS   ", "DESCRIPTION", "Brass", "PARENT_CODE", "WIND    ", "TAXABLE", "Y")
                    .row("CATEGORY", "CAT_CODE", "DRUMS   ", "PARENT_CODE", "PERC    ")
                    .row("CATEGORY", "CAT_CODE", "WIND    ", "DESCRIPTION", "Wind", "TAXABLE", "N");
            bench.run(new Slice01Reference());

            assertEquals(List.of(LegacyId.ofText("TAXRATE", "STATE") + "|TAXRATE:STATE|STATE|State tax|82500"),
                    bench.query("SELECT id, legacy_key, code, description, rate_ppm FROM tax_rates"));
            assertEquals(List.of("invalid_value NONE"), bench.rejected("TAXRATE"));
            assertEquals("RATE is NULL", bench.rejects("TAXRATE").get(0).get(1));
            bench.assertBalanced("TAXRATE");

            assertEquals(List.of(
                    LegacyId.ofText("PAYTYPE", "CASH") + "|CASH|Cash|1|1",
                    // A NULL OPENS_DRAWER bit takes the default 0.
                    LegacyId.ofText("PAYTYPE", "VISA") + "|VISA|Visa|0|0"),
                    bench.query("SELECT id, code, description, is_cash, opens_drawer FROM payment_methods ORDER BY code"));
            assertEquals(1, bench.account("PAYTYPE").fixCount("OPENS_DRAWER", "flag_blank"));
            bench.assertBalanced("PAYTYPE");

            long wind = LegacyId.ofText("CATEGORY", "WIND");
            assertEquals(List.of(
                    LegacyId.ofText("CATEGORY", "BRASS") + "|BRASS|Brass|" + wind + "|1",
                    // No description: the name is the code; parent PERC is no category: no parent, counted.
                    LegacyId.ofText("CATEGORY", "DRUMS") + "|DRUMS|DRUMS|null|1",
                    wind + "|WIND|Wind|null|0"),
                    bench.query("SELECT id, code, name, parent_id, is_taxable FROM categories ORDER BY code"));
            var categories = bench.account("CATEGORY");
            assertEquals(1, categories.fixCount("PARENT_CODE", "orphan_category"));
            assertEquals(List.of(3L, 3L), List.of(categories.read, categories.loaded));
            bench.assertBalanced("CATEGORY");
        }
    }

    @Test
    void aCategoryFindsItsParentWhateverTheCaseAsSqlServerWould() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            bench.row("CATEGORY", "CAT_CODE", "BRASS   ", "DESCRIPTION", "Brass", "PARENT_CODE", "wind    ")
                    .row("CATEGORY", "CAT_CODE", "REEDS   ", "DESCRIPTION", "Reeds", "PARENT_CODE", " Wind")
                    .row("CATEGORY", "CAT_CODE", "WIND    ", "DESCRIPTION", "Wind");
            bench.run(new Slice01Reference());

            long wind = LegacyId.ofText("CATEGORY", "WIND");
            assertEquals(List.of("BRASS|" + wind, "REEDS|" + wind, "WIND|null"),
                    bench.query("SELECT code, parent_id FROM categories ORDER BY code"));
            assertEquals(0, bench.account("CATEGORY").fixCount("PARENT_CODE", "orphan_category"));
            bench.assertBalanced("CATEGORY");
        }
    }

    /**
     * Codes that are one code once trimmed and compared without case: the row whose code SQL Server's = matches as AIM's
     * lines name it (nothing before it, spaces after it) keeps it, wherever it sorts; the other is rejected with the reason.
     */
    @Test
    void aBlankCodeAndACodeThatIsAnotherOneUnderTheCollationAreRejectedWithTheReason() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            bench.row("TAXRATE", "TAX_CODE", " ADV1 ", "RATE", new BigDecimal("5.0000"))
                    .row("TAXRATE", "TAX_CODE", "ADV1  ", "RATE", new BigDecimal("6.0000"))
                    .row("TAXRATE", "TAX_CODE", "      ", "RATE", new BigDecimal("1.0000"))
                    .row("PAYTYPE", "PAY_CODE", " ZP ", "IS_CASH", "N")
                    .row("PAYTYPE", "PAY_CODE", "zp  ", "IS_CASH", "N")
                    .row("CATEGORY", "CAT_CODE", "WIND    ")
                    .row("CATEGORY", "CAT_CODE", " wind   ");
            bench.run(new Slice01Reference());

            assertEquals(List.of(LegacyId.ofText("TAXRATE", "ADV1") + "|ADV1|60000"), bench.query("SELECT id, code, rate_ppm FROM tax_rates"),
                    "the rate a line's TAX_CODE 'ADV1' means on SQL Server, though ' ADV1 ' sorts first");
            assertEquals(List.of("blank_code ", "duplicate_code  ADV1"), bench.rejected("TAXRATE").stream().sorted().toList());
            assertEquals(List.of(LegacyId.ofText("PAYTYPE", "ZP") + "|zp"), bench.query("SELECT id, code FROM payment_methods"));
            assertEquals(List.of("duplicate_code  ZP"), bench.rejected("PAYTYPE"));
            assertEquals("PAY_CODE ' ZP ' is the same code as 'zp  ' once trimmed and compared without case (AIM's collation);"
                    + " 'zp  ' keeps it, written as SQL Server's = matches it", bench.rejects("PAYTYPE").get(0).get(1));
            assertEquals(List.of("WIND"), bench.query("SELECT code FROM categories"));
            assertEquals(List.of("duplicate_code  wind"), bench.rejected("CATEGORY"), "its AIM key keeps the leading space, which SQL Server's = does");
            for (String t : new String[] {"TAXRATE", "PAYTYPE", "CATEGORY"}) bench.assertBalanced(t);
        }
    }

    /** A code column whose collation is not the database's: the reject names it, and compares as it says. */
    @Test
    void aDuplicateCodesRejectNamesItsColumnsCollationWhenItIsNotTheDatabases() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            lib.rules.CodeKey.use("SQL_Latin1_General_CP1_CI_AS", Map.of("PAYTYPE.PAY_CODE", "Latin1_General_CS_AS"));
            bench.row("PAYTYPE", "PAY_CODE", " ZP", "IS_CASH", "N").row("PAYTYPE", "PAY_CODE", "ZP", "IS_CASH", "N")
                    .row("PAYTYPE", "PAY_CODE", "zp", "IS_CASH", "N");
            bench.run(new Slice01Reference());
            assertEquals(List.of("ZP", "zp"), bench.query("SELECT code FROM payment_methods ORDER BY code"));
            assertEquals(List.of("PAY_CODE ' ZP' is the same code as 'ZP' once trimmed (PAY_CODE's collation, Latin1_General_CS_AS);"
                    + " 'ZP' keeps it, written as SQL Server's = matches it"), bench.rejects("PAYTYPE").stream().map(r -> r.get(1)).toList());
            bench.assertBalanced("PAYTYPE");
        } finally {
            lib.rules.CodeKey.use(null);
        }
    }

    /** Helm requires a name: a store or category without one is named, and the fix says so with the name it got. */
    @Test
    void aStoreOrCategoryWithoutANameIsNamedAndTheFixSaysWhatName() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            bench.row("STORE", "STORE_NO", -32768, "STORE_NAME", "   ", "ACTIVE", "Y").row("CATEGORY", "CAT_CODE", "DRUMS", "DESCRIPTION", " ", "TAXABLE", "Y");
            bench.run(new Slice01Reference());
            assertEquals(List.of("Store -32768"), bench.query("SELECT name FROM stores"));
            assertEquals(List.of("-32768 STORE_NAME empty_string:     -> null", "-32768 STORE_NAME default_name:     -> Store -32768"),
                    bench.fixes("STORE"));
            assertEquals(List.of("DRUMS"), bench.query("SELECT name FROM categories"));
            assertEquals(List.of("DRUMS DESCRIPTION empty_string:   -> null", "DRUMS DESCRIPTION default_name:   -> DRUMS"), bench.fixes("CATEGORY"));
        }
    }

    /** 'ß' and 'SS' are two keys AIM holds apart: a collation folds case one character at a time, as T-SQL's UPPER does. */
    @Test
    void codesThatOnlyJavasUpperCaseMakesOneAreTwoCodes() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            bench.row("PAYTYPE", "PAY_CODE", "SS", "IS_CASH", "N").row("PAYTYPE", "PAY_CODE", "\u00df", "IS_CASH", "N");
            bench.run(new Slice01Reference());
            assertEquals(List.of("SS", "\u00df"), bench.query("SELECT code FROM payment_methods ORDER BY code"));
            assertEquals(List.of(), bench.rejected("PAYTYPE"));
            bench.assertBalanced("PAYTYPE");
        }
    }

    /** A row rejected for something else (a flag that is none, a rate its CHECK refuses) holds no code: the other row of that code loads. */
    @Test
    void aCodeIsHeldOnlyByARowThatLoads() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            bench.row("TAXRATE", "TAX_CODE", " TX", "RATE", new BigDecimal("150.0000"))
                    .row("TAXRATE", "TAX_CODE", "TX", "RATE", new BigDecimal("5.0000"))
                    .row("PAYTYPE", "PAY_CODE", " ZP", "IS_CASH", "Q")
                    .row("PAYTYPE", "PAY_CODE", "ZP", "IS_CASH", "N")
                    .row("CATEGORY", "CAT_CODE", "WIND", "TAXABLE", "Q")
                    .row("CATEGORY", "CAT_CODE", " wind")
                    .row("CATEGORY", "CAT_CODE", "BRASS", "PARENT_CODE", "WIND");
            bench.run(new Slice01Reference());

            assertEquals(List.of("TAXRATE:TX|50000"), bench.query("SELECT legacy_key, rate_ppm FROM tax_rates"));
            assertEquals(List.of("constraint  TX"), bench.rejected("TAXRATE"));
            assertEquals(List.of("PAYTYPE:ZP"), bench.query("SELECT legacy_key FROM payment_methods"));
            assertEquals(List.of("invalid_value  ZP"), bench.rejected("PAYTYPE"));
            assertEquals(List.of("CATEGORY: wind|null", "CATEGORY:BRASS|" + LegacyId.ofText("CATEGORY", "WIND")),
                    bench.query("SELECT legacy_key, parent_id FROM categories ORDER BY legacy_key"));
            assertEquals(List.of("invalid_value WIND"), bench.rejected("CATEGORY"));
            assertEquals(List.of(), bench.query("SELECT * FROM pragma_foreign_key_check"), "BRASS's parent is the category that loaded");
            for (String t : new String[] {"TAXRATE", "PAYTYPE", "CATEGORY"}) bench.assertBalanced(t);
        }
    }
}
