package tests.rules;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import lib.rules.Contact;
import lib.rules.LegacyId;
import org.junit.jupiter.api.Test;

class ContactAndIdTest {
    final List<String> fired = new ArrayList<>();

    @Test
    void phonesInEveryFormatBecomeE164() {
        for (String raw : new String[] {"(312) 867-5309", "312-867-5309", "312.867.5309", "3128675309", "+1 312 867 5309",
            "1-312-867-5309", " 312 867 5309 "}) {
            assertEquals(new Contact.Value("+13128675309", null), Contact.phone(raw, "US", fired::add), raw);
        }
        assertTrue(fired.isEmpty());
    }

    @Test
    void whatIsNoPhoneNumberIsKeptUnparsed() {
        assertEquals(new Contact.Value(null, "ask mom"), Contact.phone("ask mom", "US", fired::add));
        assertEquals(new Contact.Value(null, "555-12"), Contact.phone("555-12", "US", fired::add));
        assertEquals(new Contact.Value(null, "867-5309"), Contact.phone("867-5309", "US", fired::add), "a local-only number has no area code");
        assertEquals(Contact.Value.NONE, Contact.phone("  ", "US", fired::add));
        assertEquals(List.of("phone_unparseable", "phone_unparseable", "phone_unparseable", "empty_string"), fired);
    }

    @Test
    void extensionsAreKeptAfterTheNumberAsRfc3966WritesThem() {
        assertEquals(new Contact.Value("+13125550100;ext=42", null), Contact.phone("(312) 555-0100 ext. 42", "US", fired::add));
        assertEquals(new Contact.Value("+13125550100;ext=99", null), Contact.phone("312-555-0100 x99", "US", fired::add));
        assertEquals(new Contact.Value("+13125550100;ext=12", null), Contact.phone("312 555 0100 ext 12", "US", fired::add));
        assertEquals(new Contact.Value("+13125550100;ext=22", null), Contact.phone("312-555-0100 #22", "US", fired::add));
        assertEquals(List.of("phone_extension", "phone_extension", "phone_extension", "phone_extension"), fired);
    }

    @Test
    void aNumberThatDropsPartOfTheTextKeepsTheText() {
        // The keypad: F=3 L=5 O=6 W=9 E=3 R=7 S=7.
        assertEquals(new Contact.Value("+18003569377", "1-800-FLOWERS"), Contact.phone("1-800-FLOWERS", "US", fired::add));
        assertEquals(List.of("phone_original_kept"), fired);
        fired.clear();
        assertEquals(new Contact.Value("+18003569377;ext=5", "1-800-FLOWERS x5"), Contact.phone("1-800-FLOWERS x5", "US", fired::add));
        assertEquals(List.of("phone_extension", "phone_original_kept"), fired);
    }

    @Test
    void internationalNumbersWithTheirPrefixesLoseNothing() {
        assertEquals(new Contact.Value("+442079460958", null), Contact.phone("+44 20 7946 0958", "US", fired::add));
        assertEquals(new Contact.Value("+442079460958", null), Contact.phone("011 44 20 7946 0958", "US", fired::add));
        assertEquals(new Contact.Value("+442079460958", null), Contact.phone("020 7946 0958", "GB", fired::add));
        assertTrue(fired.isEmpty(), fired.toString());
    }

    @Test
    void emailsAreTrimmedLowerCasedOrKeptUnparsed() {
        assertEquals(new Contact.Value("mary.smith@example.com", null), Contact.email(" Mary.Smith@Example.COM ", fired::add));
        assertEquals(new Contact.Value("bob@example.org", null), Contact.email("bob@example.org", fired::add));
        assertEquals(new Contact.Value(null, "john smith@example.com"), Contact.email("john smith@example.com", fired::add));
        assertEquals(new Contact.Value(null, "x@y"), Contact.email("x@y", fired::add));
        // A control character (U+0000 too) is no part of an address: SQLite's CHECK (LIKE) would refuse the row.
        assertEquals(new Contact.Value(null, "nul\u0000l@example.com"), Contact.email("nul\u0000l@example.com", fired::add));
        assertEquals(new Contact.Value(null, "a@b\u0007.com"), Contact.email("a@b\u0007.com", fired::add));
        assertEquals(Contact.Value.NONE, Contact.email("", fired::add));
        assertEquals(List.of("email_normalized", "email_invalid", "email_invalid", "email_invalid", "email_invalid", "empty_string"), fired);
    }

    @Test
    void idsAreDeterministicAndBelowTwoToThe53() {
        assertEquals(1_000_100_023L, LegacyId.child(1, 100_023, 1_000_000_000L));
        assertEquals(LegacyId.ofText("TAXRATE", "TX1"), LegacyId.ofText("TAXRATE", "TX1"));
        assertNotEquals(LegacyId.ofText("TAXRATE", "TX1"), LegacyId.ofText("PAYTYPE", "TX1"));
        assertTrue(LegacyId.ofText("GIFTCARD", "GC0001000007") < LegacyId.MAX);
        // Keys outside the packed range get hashed ids now: see LegacyIdTest.
    }

    @Test
    void theNorthAmericanFastPathAgreesWithLibphonenumber() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        String[] shapes = {"(%s) %s-%s", "%s-%s-%s", "%s.%s.%s", "%s%s%s", "+1 %s %s %s", "1-%s-%s-%s", "%s %s %s"};
        com.google.i18n.phonenumbers.PhoneNumberUtil util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
        for (int i = 0; i < 2000; i++) {
            String raw = String.format(shapes[i % shapes.length], String.format("%03d", rng.nextInt(1000)),
                    String.format("%03d", rng.nextInt(1000)), String.format("%04d", rng.nextInt(10000)));
            String expected;
            try {
                var n = util.parse(raw, "US");
                expected = util.isPossibleNumberWithReason(n) == com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult.IS_POSSIBLE
                        ? util.format(n, com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.E164) : null;
            } catch (com.google.i18n.phonenumbers.NumberParseException e) {
                expected = null;
            }
            assertEquals(expected, Contact.phone(raw, "US", r -> {}).value(), raw);
        }
    }
}
