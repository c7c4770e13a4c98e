package lib.sample;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The adversarial scenario ({@code --sample=SCALE:adversarial}): the plain sample at that scale
 * plus a few dozen rows, each a {@link Hazard} recorded in the manifest with the fate the toolkit
 * owes it. Only inserts, with keys the plain sample never uses (ids from 9,000,001, tickets from
 * 900,000,001 at store 1), so the plain sample's rows are all there unchanged. Every value is one
 * SQL Server can store in its column's type.
 */
final class SampleAdversarial {
    static final String NAME = "adversarial";
    /** Bump when the planted rows change, so cached scenario samples are rebuilt. */
    static final String VERSION = "3";

    static final int ID = 9_000_001;
    static final int TICKET = 900_000_001;
    static final String SQL_NOTE = "customer said: BEGIN TRANSACTION; then COMMIT; and left";
    static final BigDecimal MONEY_MAX = new BigDecimal("922337203685477.5807");
    static final BigDecimal MONEY_MIN = new BigDecimal("-922337203685477.5808");
    static final LocalDateTime WHEN = LocalDateTime.of(2024, 3, 14, 15, 9, 26);

    private final Connection db;
    private final Manifest manifest;
    private final Map<String, Long> added = new LinkedHashMap<>();

    SampleAdversarial(Connection db, Manifest manifest) {
        this.db = db;
        this.manifest = manifest;
    }

    void generate() throws SQLException {
        codes();
        customers();
        inventory();
        sales();
        accounts();
        added.forEach((table, n) -> manifest.rows(table, manifest.rowCounts().getOrDefault(table, 0L) + n));
    }

    private void plant(Hazard h, String table, String column, Object... key) {
        manifest.plant(NAME, h, table, column, key);
    }

    private void insert(String table, String[] columns, Object... values) throws SQLException {
        try (TableFiller t = new TableFiller(db, table, columns)) {
            t.add(values);
        }
        added.merge(table, 1L, Long::sum);
    }

    private static String[] cols(String... names) {
        return names;
    }

    private void codes() throws SQLException {
        String[] tax = cols("TAX_CODE", "DESCRIPTION", "RATE");
        insert("TAXRATE", tax, "ADV1", "Adversarial district", new BigDecimal("5.0000"));
        insert("TAXRATE", tax, " ADV1", "District, leading space", new BigDecimal("6.0000"));
        plant(Hazard.CODE_LEADING_SPACES, "TAXRATE", "TAX_CODE", " ADV1");
        plant(Hazard.CODE_LEADING_SPACES, "TAXRATE", "TAX_CODE", "ADV1");
        insert("TAXRATE", tax, "", "Blank code", new BigDecimal("1.0000"));
        plant(Hazard.BLANK_CODE, "TAXRATE", "TAX_CODE", "");
        insert("TAXRATE", tax, "ADV150", "150 percent", new BigDecimal("150.0000"));
        plant(Hazard.TAX_RATE_OUT_OF_RANGE, "TAXRATE", "RATE", "ADV150");
        insert("TAXRATE", tax, "ADVNEG", "Minus one percent", new BigDecimal("-1.0000"));
        plant(Hazard.TAX_RATE_OUT_OF_RANGE, "TAXRATE", "RATE", "ADVNEG");

        String[] pay = cols("PAY_CODE", "DESCRIPTION", "IS_CASH", "OPENS_DRAWER");
        insert("PAYTYPE", pay, "ZP", "Adversarial tender", "N", false);
        insert("PAYTYPE", pay, " ZP", "Tender, leading space", "N", false);
        plant(Hazard.CODE_LEADING_SPACES, "PAYTYPE", "PAY_CODE", " ZP");
        plant(Hazard.CODE_LEADING_SPACES, "PAYTYPE", "PAY_CODE", "ZP");

        String[] card = cols("CARD_NO", "STORE_NO", "ISSUED", "INITIAL_AMT", "BALANCE", "ACTIVE");
        insert("GIFTCARD", card, "GC-ADV-1", 1, WHEN, new BigDecimal("25.0000"), new BigDecimal("25.0000"), true);
        insert("GIFTCARD", card, " GC-ADV-1", 1, WHEN, new BigDecimal("50.0000"), new BigDecimal("50.0000"), true);
        plant(Hazard.CODE_LEADING_SPACES, "GIFTCARD", "CARD_NO", " GC-ADV-1");
        plant(Hazard.CODE_LEADING_SPACES, "GIFTCARD", "CARD_NO", "GC-ADV-1");
    }

    private void customers() throws SQLException {
        String[] c = cols("CUST_ID", "ACCT_NO", "FIRST_NAME", "LAST_NAME", "PHONE1", "EMAIL", "CREATED", "TAX_EXEMPT", "DELETED");
        // Z1 twice: the duplicate rule names the second Z1-9000002, which the third customer really has.
        insert("CUST", c, ID, "Z1", "Ada", "First", null, null, WHEN, "N", "N");
        insert("CUST", c, ID + 1, "Z1", "Ben", "Second", null, null, WHEN, "N", "N");
        insert("CUST", c, ID + 2, "Z1-" + (ID + 1), "Cy", "Third", null, null, WHEN, "N", "N");
        for (int i = 0; i < 3; i++) plant(Hazard.ACCOUNT_EQUALS_DUPLICATE_SUFFIX, "CUST", "ACCT_NO", ID + i);
        insert("CUST", c, ID + 3, "Z4", "Nul", "Mail", null, "nul\u0000l@example.com", WHEN, "N", "N");
        plant(Hazard.NUL_IN_TEXT, "CUST", "EMAIL", ID + 3);
        insert("CUST", c, ID + 4, "Z5", "Nora", "Nul\u0000l", null, null, WHEN, "N", "N");
        plant(Hazard.NUL_IN_TEXT, "CUST", "LAST_NAME", ID + 4);
        insert("CUST", c, ID + 5, "Z6", "Zo\uD83D", "Half", null, null, WHEN, "N", "N");
        plant(Hazard.UNPAIRED_SURROGATE, "CUST", "FIRST_NAME", ID + 5);
        String[] phones = {"(312) 555-0142 ext. 42", "312-555-0199 x99", "312.555.0100 #22", "1-800-FLOWERS"};
        for (int i = 0; i < phones.length; i++) {
            insert("CUST", c, ID + 6 + i, "Z" + (7 + i), "Phil", "Phone", phones[i], null, WHEN, "N", "N");
            plant(Hazard.PHONE_EXTENSION, "CUST", "PHONE1", ID + 6 + i);
        }
    }

    private void inventory() throws SQLException {
        String[] item = cols("ITEM_ID", "SKU", "DESCRIPTION", "PRICE", "TAXABLE", "SERIALIZED", "ACTIVE", "DELETED", "CREATED");
        // GTR-001 twice: the duplicate rule names the second GTR-001~9000002, which the third product really has.
        insert("INVMAST", item, ID, "GTR-001", "Guitar", new BigDecimal("100.0000"), "Y", false, "Y", false, WHEN);
        insert("INVMAST", item, ID + 1, "GTR-001", "Guitar again", new BigDecimal("100.0000"), "Y", false, "Y", false, WHEN);
        insert("INVMAST", item, ID + 2, "GTR-001~" + (ID + 1), "Guitar, real SKU", new BigDecimal("100.0000"), "Y", false, "Y", false, WHEN);
        for (int i = 0; i < 3; i++) plant(Hazard.SKU_EQUALS_DUPLICATE_SUFFIX, "INVMAST", "SKU", ID + i);

        String[] store = cols("STORE_NO", "STORE_NAME", "ACTIVE", "OPENED");
        String[] stock = cols("ITEM_ID", "STORE_NO", "ON_HAND", "ON_ORDER", "MIN_QTY");
        for (int no : new int[] {1000, 9999}) {
            insert("STORE", store, no, "Store " + no, "Y", WHEN.withHour(0).withMinute(0).withSecond(0));
            plant(Hazard.STORE_NUMBER_HIGH, "STORE", "STORE_NO", no);
            insert("INVSTORE", stock, ID, no, 3, 0, 1);
            plant(Hazard.STORE_NUMBER_HIGH, "INVSTORE", "STORE_NO", ID, no);
        }
        insert("STORE", store, 9008, "Store 9008", "Y", WHEN.withHour(0).withMinute(0).withSecond(0));
        plant(Hazard.IDS_PAST_2_53, "STORE", "STORE_NO", 9008);
    }

    private void sales() throws SQLException {
        String[] t = cols("STORE_NO", "TICKET_NO", "TICKET_DATE", "SUBTOTAL", "TAX", "TOTAL", "VOIDED", "NOTES");
        BigDecimal ten = new BigDecimal("10.0000"), zero = new BigDecimal("0.0000");
        insert("TICKET", t, 9008, 1, WHEN, new BigDecimal("200.0000"), zero, new BigDecimal("200.0000"), "N", null);
        plant(Hazard.IDS_PAST_2_53, "TICKET", "STORE_NO", 9008, 1);
        String[] line = cols("STORE_NO", "TICKET_NO", "LINE_NO", "ITEM_ID", "SKU", "DESCRIPTION", "QTY", "UNIT_PRICE", "EXT_PRICE", "TAX_CODE");
        for (int l = 1; l <= 2; l++) {
            insert("TKTLINE", line, 9008, 1, l, ID, "GTR-001", "Guitar", 1, new BigDecimal("100.0000"), new BigDecimal("100.0000"), "EXEMPT");
            plant(Hazard.IDS_PAST_2_53, "TKTLINE", "LINE_NO", 9008, 1, l);
        }
        for (int i = 0; i < 2; i++) {
            insert("TICKET", t, 1, TICKET + i, WHEN, ten, zero, ten, "N", SQL_NOTE);
            plant(Hazard.SQL_IN_NOTE, "TICKET", "NOTES", 1, TICKET + i);
        }
        insert("TICKET", t, 1, TICKET + 2, WHEN, ten, zero, ten, "N", hugeNote());
        plant(Hazard.HUGE_NOTE, "TICKET", "NOTES", 1, TICKET + 2);
        insert("TICKET", t, 1, TICKET + 3, WHEN, ten, zero, ten, "N", "\u0001\u0002\u0007\u001B\u007F");
        plant(Hazard.CONTROL_ONLY_NOTE, "TICKET", "NOTES", 1, TICKET + 3);
        insert("TICKET", t, 1, TICKET + 4, WHEN, MONEY_MAX, zero, MONEY_MAX, "N", null);
        plant(Hazard.MONEY_AT_LIMITS, "TICKET", "TOTAL", 1, TICKET + 4);
        insert("TICKET", t, 1, TICKET + 5, WHEN, MONEY_MIN, zero, MONEY_MIN, "N", null);
        plant(Hazard.MONEY_AT_LIMITS, "TICKET", "TOTAL", 1, TICKET + 5);

        String[] pay = cols("STORE_NO", "TICKET_NO", "PAY_SEQ", "PAY_CODE", "AMOUNT", "PAID_AT");
        insert("TKTPAY", pay, 1, TICKET, 1, "cash", new BigDecimal("4.0000"), WHEN);
        plant(Hazard.PAY_CODE_CASE, "TKTPAY", "PAY_CODE", 1, TICKET, 1);
        insert("TKTPAY", pay, 1, TICKET, 2, " chk", new BigDecimal("3.0000"), WHEN);
        plant(Hazard.PAY_CODE_CASE, "TKTPAY", "PAY_CODE", 1, TICKET, 2);
        insert("TKTPAY", pay, 1, TICKET, 3, "ZZ", new BigDecimal("3.0000"), WHEN);
        plant(Hazard.PAY_CODE_UNKNOWN, "TKTPAY", "PAY_CODE", 1, TICKET, 3);
    }

    private void accounts() throws SQLException {
        insert("ARACCT", cols("AR_ID", "CUST_ID", "CREDIT_LIMIT", "BALANCE", "OPENED", "STATUS"), ID, 1, new BigDecimal("500.0000"),
                new BigDecimal("5.0000"), WHEN, "O");
        insert("ARTRANS", cols("AR_ID", "TRANS_SEQ", "TRANS_DATE", "TRANS_TYPE", "AMOUNT", "STORE_NO", "TICKET_NO", "MEMO"), ID, 1, WHEN, "C",
                new BigDecimal("5.0000"), 1, 1_000_000_000, "Charge on ticket 10^9");
        plant(Hazard.TICKET_NUMBER_10E9, "ARTRANS", "TICKET_NO", ID, 1);
    }

    /** 3 MB of UTF-8 (3,145,728 ASCII characters): over D1's 2 MB, well within NVARCHAR(MAX). */
    static String hugeNote() {
        String unit = "Long repair story, line after line. ";
        StringBuilder b = new StringBuilder(3 << 20);
        while (b.length() < (3 << 20)) b.append(unit);
        b.setLength(3 << 20);
        return b.toString();
    }
}
