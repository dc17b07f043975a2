package io.leadhandoff.common.notification;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Delivers one notification, or throws saying why not. */
@ApplicationScoped
public class NotificationSender {

    private final Mailer mailer;
    private final NotificationConfig config;
    /** Webhook URLs come from rosters and settings: a handful, each client reused. */
    private final Map<String, WebhookClient> webhooks = new ConcurrentHashMap<>();

    public NotificationSender(Mailer mailer, NotificationConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    void deliver(NotificationChannel channel, String recipient, String title, String body) {
        switch (channel) {
            case EMAIL -> mailer.send(Mail.withText(recipient, title, body));
            case WEBHOOK -> webhook(recipient).post(new WebhookClient.Message("*" + title + "*\n" + body));
        }
    }

    private WebhookClient webhook(String url) {
        return webhooks.computeIfAbsent(url, u -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(u))
                .connectTimeout(config.webhookTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.webhookTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(WebhookClient.class));
    }
}
