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
        writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mail-writer");
            t.setDaemon(true);
            return t;
        });
        writer.scheduleWithFixedDelay(() -> {
            MimeMessage[] received = server.getReceivedMessages();
            for (int i = 0; i < received.length; i++) {
                Path file = dir.resolve(String.format("%06d.eml", i + 1));
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
        if (writer != null) {
            writer.shutdownNow();
        }
        server.stop();
    }
}
