package io.leadhandoff.common.notification;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;

/** A Slack-compatible incoming webhook: POST {"text": ...} to its URL (built per URL, see NotificationSender). */
public interface WebhookClient {

    record Message(String text) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    void post(Message message);
}
