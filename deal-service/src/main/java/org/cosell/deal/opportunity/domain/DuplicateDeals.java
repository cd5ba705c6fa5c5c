package org.cosell.deal.opportunity.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * When a new deal is probably one the partner already has: the same customer, told by its D-U-N-S
 * number, or by its name in the same country once the differences people type without meaning
 * anything are set aside (case, accents, punctuation, the legal form: {@code Contoso Ltd.} and
 * {@code contoso ltd}, {@code Società Rossi S.p.A.} and {@code Societa Rossi}). Among those, the
 * deals whose names are most alike come first. A warning, never a refusal.
 */
public final class DuplicateDeals {

    /** Legal forms dropped from the end of a name; dotted spellings ({@code S.p.A.}) lose their dots first. */
    private static final Set<String> LEGAL_FORMS = Set.of(
            "ab", "ag", "as", "bv", "co", "company", "corp", "corporation", "gmbh", "inc", "incorporated",
            "kg", "kk", "limited", "llc", "llp", "lp", "ltd", "nv", "oy", "plc", "pte", "pty", "sa", "sarl",
            "sas", "sl", "snc", "spa", "srl", "srls");
    private static final Pattern ACCENTS = Pattern.compile("\\p{M}+");
    private static final Pattern DOTS = Pattern.compile("\\.");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final JaroWinklerSimilarity SIMILARITY = new JaroWinklerSimilarity();

    private DuplicateDeals() {
    }

    /** What tells a customer apart: an optional 9-digit D-U-N-S number, its name and its country (ISO alpha-2). */
    public record Customer(String dunsNumber, String name, String country) {
    }

    /** Whether {@code a} and {@code b} are the same company, as far as their deals can tell. */
    public static boolean sameCustomer(Customer a, Customer b) {
        if (present(a.dunsNumber()) && a.dunsNumber().equals(b.dunsNumber())) {
            return true;
        }
        return present(a.country()) && a.country().equalsIgnoreCase(b.country())
                && present(a.name()) && present(b.name())
                && customerKey(a.name()).equals(customerKey(b.name()));
    }

    /**
     * The customer's name as it is compared: lower case, without accents, punctuation or a trailing
     * legal form ({@code "Fabrikam GmbH & Co. KG"} → {@code "fabrikam"}). A name that is nothing but a
     * legal form keeps it.
     */
    public static String customerKey(String name) {
        List<String> words = new ArrayList<>(words(DOTS.matcher(plain(name)).replaceAll("")));
        while (words.size() > 1 && LEGAL_FORMS.contains(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        return String.join(" ", words);
    }

    /** How alike two deal names are, from 0 (nothing in common) to 1 (the same once case, accents and punctuation are set aside). */
    public static double nameSimilarity(String a, String b) {
        return SIMILARITY.apply(String.join(" ", words(plain(a))), String.join(" ", words(plain(b))));
    }

    private static String plain(String text) {
        String decomposed = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD);
        return ACCENTS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private static List<String> words(String text) {
        return NOT_LETTER_OR_DIGIT.splitAsStream(text).filter(word -> !word.isEmpty()).toList();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
