package io.leadhandoff.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The stack's mail catcher: a real SMTP server whose received mail a person reads in a browser. */
class LocalMailTest {

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void mailSentOverSmtpIsListedAndReadableOnTheWebViewEscaped() throws Exception {
        int smtp = freePort();
        int web = freePort();
        try (LocalMail mail = LocalMail.start(smtp).withWebView(web)) {
            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", String.valueOf(smtp));
            MimeMessage message = new MimeMessage(Session.getInstance(props));
            message.setFrom(new InternetAddress("routing@lead-handoff.example"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("sam@lead-handoff.example"));
            message.setSubject("HOT lead assigned to you: <script>alert(1)</script>");
            message.setText("What is your main challenge?: \"Leads go cold & <b>stay</b> cold\"");
            Transport.send(message);

            HttpResponse<String> list = get(web, "/");
            assertEquals(200, list.statusCode());
            assertTrue(list.body().contains("Mail catcher: 1 messages"), list.body());
            assertTrue(list.body().contains("sam@lead-handoff.example"));
            assertTrue(list.body().contains("HOT lead assigned to you: &lt;script&gt;alert(1)&lt;/script&gt;"), list.body());
            assertFalse(list.body().contains("<script>"), "lead data never runs in the browser");

            HttpResponse<String> one = get(web, "/messages/1");
            assertEquals(200, one.statusCode());
            assertTrue(one.body().contains("Leads go cold &amp; &lt;b&gt;stay&lt;/b&gt; cold"), one.body());
            assertEquals(404, get(web, "/messages/2").statusCode());
            assertEquals(404, get(web, "/messages/0").statusCode());
            assertEquals(404, get(web, "/elsewhere").statusCode());
        }
    }

    static void send(int smtp, String to, String subject) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(smtp));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("routing@lead-handoff.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("body of " + subject);
        Transport.send(message);
    }

    @Test
    void aRestartedCatcherKeepsNewMailAfterWhatAnEarlierRunKept() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("mail");
        int first = freePort();
        try (LocalMail mail = LocalMail.start(first).keepingIn(dir)) {
            send(first, "sam@lead-handoff.example", "before the restart");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> java.nio.file.Files.exists(dir.resolve("000001.eml")));
        }
        int second = freePort();
        try (LocalMail mail = LocalMail.start(second).keepingIn(dir)) {
            send(second, "sue@lead-handoff.example", "after the restart");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> java.nio.file.Files.exists(dir.resolve("000002.eml")));
        }
        assertTrue(java.nio.file.Files.readString(dir.resolve("000001.eml")).contains("before the restart"));
        assertTrue(java.nio.file.Files.readString(dir.resolve("000002.eml")).contains("after the restart"),
                "the new message is kept, not dropped because an old file had its number");
    }
}
