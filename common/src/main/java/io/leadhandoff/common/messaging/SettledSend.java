package io.leadhandoff.common.messaging;

import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Sends one AMQP message and tells when the broker has settled it. The outbox and the dead letters
 * only count a message as handed over once the broker holds it durably, not when it is queued here.
 */
public final class SettledSend {

    private SettledSend() {
    }

    /** Completes when the broker accepts the message; fails when it refuses it or it cannot be sent. */
    public static CompletableFuture<Void> send(Emitter<String> emitter, String body, OutgoingAmqpMetadata amqp) {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        Message<String> message = Message.of(body, Metadata.of(amqp))
                .withAck(() -> {
                    settled.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    settled.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            // e.g. the emitter's buffer is full while the broker is away
            settled.completeExceptionally(e);
        }
        return settled;
    }
}
