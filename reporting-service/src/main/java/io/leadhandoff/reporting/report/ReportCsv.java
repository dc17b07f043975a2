package io.leadhandoff.reporting.report;

import io.leadhandoff.common.error.ProblemException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** One table of a report as a CSV download. */
public final class ReportCsv {

    public static final String MEDIA_TYPE = "text/csv";

    private ReportCsv() {
    }

    public static Response download(String name, Report report, String table) {
        String chosen = table == null || table.isBlank() ? report.tables().keySet().iterator().next() : table;
        Report.Table t = report.tables().get(chosen);
        if (t == null) {
            throw ProblemException.badRequest("'table' must be one of " + report.tables().keySet() + " for " + name);
        }
        return Response.ok(csv(t)).type(MEDIA_TYPE + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "-" + chosen + ".csv\"").build();
    }

    static String csv(Report.Table table) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(table.columns().toArray(String[]::new)).get())) {
            for (Map<String, Object> row : table.rows()) {
                printer.printRecord(table.columns().stream().map(row::get).toList());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
