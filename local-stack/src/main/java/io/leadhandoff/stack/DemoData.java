package io.leadhandoff.stack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Demo history for the dashboard: a few thousand leads over the last six months, generated with a
 * fixed seed (sources of different quality, the demo roster's teams and reps with their own
 * speed, rejection reasons that depend on the source, SLA breaches where a first touch came late)
 * and sent through reporting's history import, the way a team would load its CRM export. Lead ids
 * are stable, so running it again adds nothing.
 */
public final class DemoData {

    record Source(String name, List<String> campaigns, int volume, double quality, List<String> reasons) {
    }

    static final List<Source> SOURCES = List.of(
            new Source("webinar", List.of("Q3 product webinar", "Q4 roadmap webinar"), 25, 1.0,
                    List.of("BAD_TIMING", "NO_ACTIVE_PROJECT", "WRONG_ROLE")),
            new Source("paid-search", List.of("brand", "competitor keywords"), 25, 0.7,
                    List.of("WRONG_COMPANY_PROFILE", "NO_ACTIVE_PROJECT", "COMPETITOR_OR_PARTNER", "INSUFFICIENT_DATA")),
            new Source("content", List.of("pricing guide", "state of sales report"), 20, 0.8,
                    List.of("BAD_TIMING", "NO_ACTIVE_PROJECT", "WRONG_ROLE")),
            new Source("demo-request", List.of("website"), 10, 1.6, List.of("EXISTING_CUSTOMER", "DUPLICATE")),
            new Source("events", List.of("SaaStr", "local meetup"), 10, 0.9, List.of("COULD_NOT_CONTACT", "BAD_TIMING")),
            new Source("partner", List.of("reseller referrals"), 10, 1.3, List.of("DUPLICATE", "WRONG_COMPANY_PROFILE")));

    /** The demo roster's reps (routing's DemoRoster) and how fast each one usually calls back (hours). */
    static final Map<String, List<String>> TEAMS = Map.of("Inbound EMEA", List.of("sam", "sue", "lea"),
            "Enterprise", List.of("omar", "nina"));
    static final Map<String, Double> TOUCH_HOURS = Map.of("sam", 2.0, "sue", 0.6, "lea", 5.0, "omar", 3.0, "nina", 8.0);
    static final Map<String, Integer> TARGET_HOURS = Map.of("HOT", 1, "HIGH", 24, "WARM", 48);

    static final List<String> COLUMNS = List.of("lead", "source", "campaign", "segment", "owner", "team", "priority",
            "score", "fitTier", "mql", "assigned", "firstTouch", "breached", "sal", "sql", "won", "lost", "rejected", "reason");

    private DemoData() {
    }

    /** The CSV: a header row and one row per lead, every time before {@code now}. */
    static String csv(int leads, Instant now, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        int totalVolume = SOURCES.stream().mapToInt(Source::volume).sum();
        for (int i = 1; i <= leads; i++) {
            int pick = random.nextInt(totalVolume);
            Source source = SOURCES.get(0);
            for (Source s : SOURCES) {
                if (pick < s.volume()) {
                    source = s;
                    break;
                }
                pick -= s.volume();
            }
            String campaign = source.campaigns().get(random.nextInt(source.campaigns().size()));
            double r = random.nextDouble();
            String segment = r < 0.55 ? "SMB" : r < 0.85 ? "MID_MARKET" : "ENTERPRISE";
            String team = segment.equals("ENTERPRISE") ? "Enterprise" : "Inbound EMEA";
            List<String> reps = TEAMS.get(team);
            // equal weights: each rep equally likely, with the deviations of chance
            String owner = reps.get(random.nextInt(reps.size()));
            int score = (int) Math.max(10, Math.min(99, 40 + source.quality() * 18 + random.nextGaussian() * 12));
            String tier = score >= 75 ? "A" : score >= 55 ? "B" : "C";
            String priority = source.name().equals("demo-request") ? "HOT" : score >= 70 ? "HIGH" : "WARM";
            // MQLs over the last 182 days, in office hours
            Instant mql = now.minus(Duration.ofDays(1 + random.nextInt(182))).truncatedTo(ChronoUnit.DAYS)
                    .plus(Duration.ofMinutes(8 * 60 + random.nextInt(9 * 60)));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("lead", String.format("demo-%05d", i));
            row.put("source", source.name());
            row.put("campaign", campaign);
            row.put("segment", segment);
            row.put("owner", owner);
            row.put("team", team);
            row.put("priority", priority);
            row.put("score", score);
            row.put("fitTier", tier);
            row.put("mql", mql);
            Instant assigned = mql.plus(Duration.ofMinutes(1 + random.nextInt(20)));
            row.put("assigned", assigned);
            double touchHours = TOUCH_HOURS.get(owner) * Math.exp(random.nextGaussian() * 0.9);
            Instant due = assigned.plus(Duration.ofHours(TARGET_HOURS.get(priority)));
            // one in a hundred is never called back: an open breach
            if (random.nextDouble() < 0.01) {
                put(row, "breached", due, now);
                out.append(COLUMNS.stream().map(c -> field(row.get(c))).collect(Collectors.joining(","))).append('\n');
                continue;
            }
            Instant touched = assigned.plus(Duration.ofMinutes((long) (touchHours * 60)));
            put(row, "firstTouch", touched, now);
            put(row, "breached", touched.isAfter(due) ? due : null, now);
            Instant decided = touched.plus(Duration.ofMinutes(30 + random.nextInt(36 * 60)));
            double accept = clamp(0.55 + 0.2 * (source.quality() - 1) + (score - 60) / 200.0, 0.2, 0.95);
            if (random.nextDouble() < accept) {
                put(row, "sal", decided, now);
                double qualify = clamp(0.3 + 0.15 * (source.quality() - 1) + (score - 60) / 150.0, 0.1, 0.8);
                if (random.nextDouble() < qualify) {
                    Instant sql = decided.plus(Duration.ofHours(12 + random.nextInt(10 * 24)));
                    put(row, "sql", sql, now);
                    double outcome = random.nextDouble();
                    if (outcome < 0.3) {
                        put(row, "won", sql.plus(Duration.ofDays(10 + random.nextInt(50))), now);
                    } else if (outcome < 0.6) {
                        put(row, "lost", sql.plus(Duration.ofDays(5 + random.nextInt(35))), now);
                    }
                }
            } else if (decided.isBefore(now)) {
                row.put("rejected", decided);
                row.put("reason", source.reasons().get(random.nextInt(source.reasons().size())));
            }
            out.append(COLUMNS.stream().map(c -> field(row.get(c))).collect(Collectors.joining(","))).append('\n');
        }
        return out.toString();
    }

    private static void put(Map<String, Object> row, String column, Instant at, Instant now) {
        if (at != null && at.isBefore(now)) {
            row.put(column, at);
        }
    }

    private static double clamp(double v, double low, double high) {
        return Math.max(low, Math.min(high, v));
    }

    private static String field(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Generates the history and imports it; prints what reporting answered. */
    static void load(String reporting, String tokenUrl, String user, String password, int leads)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String form = "grant_type=password&client_id=handoff-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(token.body());
        if (token.statusCode() != 200 || !m.find()) {
            throw new IOException("No token for " + user + " from " + tokenUrl + ": " + token.statusCode() + " " + token.body());
        }
        List<String> mapping = new ArrayList<>();
        for (String c : COLUMNS) {
            mapping.add(c + "=" + c);
        }
        HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create(reporting + "/api/v1/history?"
                + String.join("&", mapping))).header("Authorization", "Bearer " + m.group(1))
                .header("Content-Type", "text/csv").timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(csv(leads, Instant.now(), 20261129L))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (imported.statusCode() != 200) {
            throw new IOException("The history import answered " + imported.statusCode() + ": " + imported.body());
        }
        System.out.println("Demo history imported: " + imported.body());
    }
}
