package lib.sample;

import java.util.SplittableRandom;

/**
 * Word pools and value shapes for the sample: clean values never carry a planted
 * defect (no stray spaces, no control characters, no quotes, ASCII only), so every
 * defect the ETL finds is one the generator recorded.
 */
final class SampleText {
    static final String[] FIRST = {"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
        "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
        "Carlos", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Sandra", "Paul",
        "Ashley", "Steven", "Kimberly", "Andrew", "Emily", "Kenneth", "Donna", "Joshua", "Michelle", "Kevin", "Carol"};
    static final String[] LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
        "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
        "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez",
        "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill"};
    static final String[] NON_ASCII_FIRST = {"Zoë", "José", "Björn", "Łukasz", "Søren", "François", "Ñoño", "Chloé",
        "Jürgen", "Renée", "Ana🎸", "Małgorzata", "Ωmega", "Dvořák", "李"};
    static final String[] NON_ASCII_LAST = {"Müller", "Núñez", "Østergaard", "Brontë", "Gößling", "Čapek", "Ñíguez",
        "Françoise", "Kovač", "Nguyễn", "山田", "Ólafsson", "Schröder", "Zoë 🎺", "Peña"};
    static final String[] CITIES = {"Springfield", "Riverton", "Lakeside", "Fairview", "Oak Park", "Evanston",
        "Naperville", "Aurora", "Joliet", "Elgin"};
    static final String[] STREETS = {"Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Elm St", "Lake Rd", "Hill St",
        "Park Blvd", "Pine Ct", "Washington Ave"};
    static final String[] AREA_CODES = {"312", "773", "630", "847", "708", "815", "217", "309"};
    static final String[] BAD_PHONES = {"ask mom", "n/a", "555-12", "TBD", "none", "call store", "0", "12345"};
    static final String[] BAD_EMAILS = {"john smith@example.com", "mary@", "@example.com", "no email",
        "bob@@example.com", "sue.example.com", "x@y"};
    static final String[] INSTRUMENTS = {"Trumpet", "Clarinet", "Flute", "Alto Saxophone", "Trombone", "Violin",
        "Viola", "Cello", "Snare Kit", "French Horn", "Acoustic Guitar", "Electric Guitar", "Bass Guitar",
        "Keyboard", "Oboe", "Tenor Saxophone"};
    static final String[] CATEGORY_WORDS = {"Guitars", "Brass", "Woodwind", "Strings", "Percussion", "Keyboards",
        "Accessories", "Print Music", "Amplifiers", "Pro Audio", "Rentals", "Repairs"};
    static final String[] NOTE_WORDS = {"customer", "prefers", "called", "about", "order", "pickup", "Tuesday",
        "school", "band", "director", "discount", "approved", "warranty", "reed", "strings", "case", "loaner"};
    static final String[] SPECIAL_NOTES = {"Said \"call after 5\"", "Mom's card; don't charge dad",
        "Line one\nLine two", "Tab\tseparated\tnote", "Windows line\r\nbreak", "Back\\slash path C:\\AIM\\data",
        "Quote ' and \" both", "Multi\n\nparagraph\n\tindented"};
    static final String[] CONTROL_NOTES = {"bell\u0007 in note", "form\ffeed", "null\u0000byte", "escape\u001b[0m",
        "vertical\u000Btab", "unit\u001Fsep"};

    private SampleText() {}

    static String pick(SplittableRandom rng, String[] pool) {
        return pool[rng.nextInt(pool.length)];
    }

    /** A valid US phone number in one of the formats found in AIM phone fields. */
    static String phone(SplittableRandom rng) {
        String area = pick(rng, AREA_CODES);
        String exchange = String.valueOf(200 + rng.nextInt(800));
        if (exchange.endsWith("11")) exchange = "234";
        String line = String.format("%04d", rng.nextInt(10_000));
        switch (rng.nextInt(7)) {
            case 0: return "(" + area + ") " + exchange + "-" + line;
            case 1: return area + "-" + exchange + "-" + line;
            case 2: return area + "." + exchange + "." + line;
            case 3: return area + exchange + line;
            case 4: return "+1 " + area + " " + exchange + " " + line;
            case 5: return "1-" + area + "-" + exchange + "-" + line;
            default: return area + " " + exchange + " " + line;
        }
    }

    static String note(SplittableRandom rng) {
        int words = 3 + rng.nextInt(10);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) sb.append(' ');
            sb.append(pick(rng, NOTE_WORDS));
        }
        return sb.toString();
    }

    /** Surrounds a value with stray spaces on one or both sides. */
    static String strayPad(SplittableRandom rng, String value) {
        switch (rng.nextInt(3)) {
            case 0: return " " + value;
            case 1: return value + "  ";
            default: return "  " + value + " ";
        }
    }
}
