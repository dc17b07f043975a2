package io.leadhandoff.routing.rule;

import io.leadhandoff.common.condition.Facts;
import io.leadhandoff.common.event.LeadQualified;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What routing rules may look at about a lead, by name: the MQL's own fields, and what is derived
 * from them (region from the country, size segment from the employee count, language from the
 * lead's attributes or its country). Custom fields as {@code attributes.<name>}.
 */
public final class LeadFacts {

    public static final Set<String> NAMES = Set.of("country", "region", "segment", "employees", "industry", "source",
            "campaign", "priority", "fitTier", "language", "productInterest", "companyDomain", "companyName", "jobTitle",
            "totalScore", "fitScore", "intentScore", "accountScore", "email");
    public static final String CUSTOM = "attributes.";

    private static final Map<String, String> COUNTRY_BY_NAME = new HashMap<>();
    private static final Set<String> AMER = Set.of("US", "CA", "MX", "BR", "AR", "CL", "CO", "PE", "UY", "VE", "EC", "BO",
            "PY", "CR", "PA", "GT", "DO", "PR", "JM", "TT");
    private static final Set<String> APAC = Set.of("CN", "JP", "KR", "IN", "AU", "NZ", "SG", "HK", "TW", "ID", "MY", "TH",
            "VN", "PH", "PK", "BD", "LK");
    private static final Map<String, String> LANGUAGE_BY_COUNTRY = Map.ofEntries(Map.entry("FR", "fr"),
            Map.entry("DE", "de"), Map.entry("AT", "de"), Map.entry("ES", "es"), Map.entry("MX", "es"),
            Map.entry("AR", "es"), Map.entry("IT", "it"), Map.entry("NL", "nl"), Map.entry("PT", "pt"),
            Map.entry("BR", "pt"), Map.entry("PL", "pl"), Map.entry("SE", "sv"), Map.entry("JP", "ja"),
            Map.entry("US", "en"), Map.entry("GB", "en"), Map.entry("IE", "en"), Map.entry("AU", "en"),
            Map.entry("NZ", "en"), Map.entry("CA", "en"));

    static {
        for (String code : Locale.getISOCountries()) {
            COUNTRY_BY_NAME.put(Locale.of("", code).getDisplayCountry(Locale.ENGLISH).toLowerCase(Locale.ROOT), code);
        }
        COUNTRY_BY_NAME.put("uk", "GB");
        COUNTRY_BY_NAME.put("usa", "US");
    }

    private LeadFacts() {
    }

    /** The facts of an MQL, as a map (stored with the assignment: a decision can be explained later). */
    public static Map<String, Object> of(LeadQualified l) {
        Map<String, Object> f = new LinkedHashMap<>();
        String country = countryCode(l.country());
        f.put("email", l.email());
        f.put("country", country);
        f.put("region", country == null ? null : AMER.contains(country) ? "AMER" : APAC.contains(country) ? "APAC" : "EMEA");
        f.put("employees", l.employees());
        f.put("segment", segment(l.employees()));
        f.put("industry", l.industry());
        f.put("source", l.source());
        f.put("campaign", l.campaign());
        f.put("priority", l.priority() == null ? null : l.priority().name());
        f.put("fitTier", l.fitTier());
        Map<String, Object> attributes = l.attributes() == null ? Map.of() : l.attributes();
        Object language = attributes.get("language");
        f.put("language", language != null ? language.toString().strip().toLowerCase(Locale.ROOT)
                : country == null ? null : LANGUAGE_BY_COUNTRY.get(country));
        Object interest = attributes.containsKey("productInterest") ? attributes.get("productInterest") : attributes.get("product");
        f.put("productInterest", interest == null ? null : interest.toString());
        f.put("companyDomain", l.companyDomain() != null ? l.companyDomain() : l.accountDomain());
        f.put("companyName", l.companyName());
        f.put("jobTitle", l.jobTitle());
        f.put("totalScore", l.totalScore());
        f.put("fitScore", l.fitScore());
        f.put("intentScore", l.intentScore());
        f.put("accountScore", l.accountScore());
        attributes.forEach((k, v) -> f.put(CUSTOM + k, v));
        return f;
    }

    public static Facts facts(Map<String, Object> facts) {
        return facts::get;
    }

    /** The ISO code of a country given as a code or an English name; the text itself when unknown. */
    static String countryCode(String country) {
        if (country == null || country.isBlank()) {
            return null;
        }
        String c = country.strip();
        if (c.length() == 2) {
            return c.toUpperCase(Locale.ROOT);
        }
        return COUNTRY_BY_NAME.getOrDefault(c.toLowerCase(Locale.ROOT), c);
    }

    /** SMB below 200 employees, MID_MARKET below 1,000, ENTERPRISE from 1,000. */
    static String segment(Integer employees) {
        if (employees == null) {
            return null;
        }
        return (employees < 200 ? io.leadhandoff.common.event.Segment.SMB : employees < 1000
                ? io.leadhandoff.common.event.Segment.MID_MARKET : io.leadhandoff.common.event.Segment.ENTERPRISE).name();
    }
}
