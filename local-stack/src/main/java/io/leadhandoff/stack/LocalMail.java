package io.leadhandoff.stack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real SMTP server (GreenMail) on 127.0.0.1 that keeps every message it receives: the services'
 * mail goes here in the local stack and in the tests. Optionally writes each message as an
 * {@code .eml} file into a directory, where a person reads what reps and managers were sent.
 */
public final class LocalMail implements AutoCloseable {

    private final GreenMail server;
    private final int port;
    private ScheduledExecutorService writer;

    private LocalMail(GreenMail server, int port) {
        this.server = server;
        this.port = port;
    }

    public static LocalMail start(int smtpPort) {
        GreenMail server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                // any sender, no login: a mail catcher, never a relay (loopback only)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        return new LocalMail(server, smtpPort);
    }

    /** Also writes every received message to {@code dir} as {@code <n>.eml}. */
    public LocalMail keepingIn(Path dir) throws IOException {
        Files.createDirectories(dir);
        // a restarted catcher keeps numbering after the messages an earlier run kept (not over them)
        int kept;
        try (var files = Files.list(dir)) {
            kept = (int) files.filter(f -> f.getFileName().toString().matches("\\d{6}\\.eml")).count();
        }
        writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mail-writer");
            t.setDaemon(true);
            return t;
        });
        writer.scheduleWithFixedDelay(() -> {
            MimeMessage[] received = server.getReceivedMessages();
            for (int i = 0; i < received.length; i++) {
                Path file = dir.resolve(String.format("%06d.eml", kept + i + 1));
                if (Files.notExists(file)) {
                    try (OutputStream out = Files.newOutputStream(file)) {
                        received[i].writeTo(out);
                    } catch (IOException | MessagingException e) {
                        System.err.println("Could not keep message " + (i + 1) + ": " + e);
                    }
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    public int smtpPort() {
        return port;
    }

    private com.sun.net.httpserver.HttpServer web;

    /**
     * Also serves a web view of the received mail on 127.0.0.1:{@code webPort}: the list at
     * {@code /} (newest first: when, to, subject) and each message's text at {@code /messages/<n>}.
     */
    public LocalMail withWebView(int webPort) throws IOException {
        web = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", webPort), 0);
        web.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            MimeMessage[] received = server.getReceivedMessages();
            String html;
            int status = 200;
            if (path.equals("/")) {
                StringBuilder rows = new StringBuilder();
                for (int i = received.length - 1; i >= 0; i--) {
                    rows.append("<tr><td>").append(escape(header(received[i], "Date"))).append("</td><td>")
                            .append(escape(header(received[i], "To"))).append("</td><td><a href=\"/messages/").append(i + 1)
                            .append("\">").append(escape(subject(received[i]))).append("</a></td></tr>\n");
                }
                html = page("Mail catcher: " + received.length + " messages",
                        "<table><tr><th>Date</th><th>To</th><th>Subject</th></tr>\n" + rows + "</table>");
            } else if (path.matches("/messages/[0-9]{1,9}") && Integer.parseInt(path.substring(10)) - 1 < received.length
                    && Integer.parseInt(path.substring(10)) > 0) {
                MimeMessage m = received[Integer.parseInt(path.substring(10)) - 1];
                html = page(subject(m), "<p>From: " + escape(header(m, "From")) + "<br>To: " + escape(header(m, "To"))
                        + "<br>Date: " + escape(header(m, "Date")) + "</p><pre>" + escape(text(m)) + "</pre>"
                        + "<p><a href=\"/\">All messages</a></p>");
            } else {
                status = 404;
                html = page("Not found", "<p>No such page: <a href=\"/\">all messages</a></p>");
            }
            byte[] body = html.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        web.start();
        return this;
    }

    private static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>"
                + "<style>body{font-family:sans-serif;margin:2em}td,th{padding:.3em 1em;text-align:left}"
                + "pre{white-space:pre-wrap}</style></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }

    private static String header(MimeMessage m, String name) {
        try {
            String value = m.getHeader(name, ", ");
            return value == null ? "" : value;
        } catch (MessagingException e) {
            return "";
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject() == null ? "(no subject)" : m.getSubject();
        } catch (MessagingException e) {
            return "(unreadable subject)";
        }
    }

    /** Mail is written by the services from lead data: escaped before it reaches a browser. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Every message received so far, oldest first. */
    public List<MimeMessage> received() {
        return List.of(server.getReceivedMessages());
    }

    /** The plain-text body of a received message. */
    public static String text(MimeMessage message) {
        try {
            Object content = message.getContent();
            return content instanceof String s ? s : String.valueOf(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (web != null) {
            web.stop(0);
        }
        if (writer != null) {
            writer.shutdownNow();
        }
        server.stop();
    }
}
