package io.leadhandoff.testing;

import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpReceiverOptions;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.messaging.EventStream;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A plain AMQP client on the test broker: sends raw messages (as any other system could) and
 * listens on queues of its own, to see what services really publish.
 */
public final class BrokerProbe implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final AmqpClient client;
    private final AmqpConnection connection;

    public BrokerProbe() {
        int port = Integer.parseInt(System.getProperty(InfraTestResource.PORT_PROPERTY));
        client = AmqpClient.create(vertx, new AmqpClientOptions().setHost("127.0.0.1").setPort(port)
                .setUsername(InfraTestResource.BROKER_USER).setPassword(InfraTestResource.BROKER_PASSWORD));
        connection = await(client.connect().toCompletionStage());
    }

    /**
     * Publishes an event on the event stream the way the outbox relay does: its type as the
     * {@code event_type} property (queues filter on it) and its subject (lead id) as group id.
     * {@code as} is the type the message claims, so poison can be sent too.
     */
    public void publish(EventType as, String body) {
        publishAll(as, List.of(body));
    }

    /** Publishes many in one go, pipelined (not one round trip each), in order, as a busy producer would. */
    public void publishAll(EventType as, List<String> bodies) {
        var sender = await(connection.createSender(EventStream.ADDRESS).toCompletionStage());
        List<CompletableFuture<Void>> settled = new ArrayList<>(bodies.size());
        for (String body : bodies) {
            settled.add(sender.sendWithAck(message(as.type(), body)).toCompletionStage().toCompletableFuture());
        }
        await(CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new)));
        sender.close();
    }

    /** Publishes envelopes of any types in one go, in order, each with the type its body names. */
    public void publishAll(List<String> envelopes) {
        var sender = await(connection.createSender(EventStream.ADDRESS).toCompletionStage());
        List<CompletableFuture<Void>> settled = new ArrayList<>(envelopes.size());
        for (String body : envelopes) {
            settled.add(sender.sendWithAck(message(new JsonObject(body).getString("type"), body)).toCompletionStage()
                    .toCompletableFuture());
        }
        await(CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new)));
        sender.close();
    }

    private static AmqpMessage message(String type, String body) {
        var builder = AmqpMessage.create().address(EventStream.ADDRESS).durable(true)
                .contentType("application/cloudevents+json")
                .applicationProperties(new JsonObject().put(EventStream.TYPE_PROPERTY, type)).withBody(body);
        String subject = subjectOf(body);
        if (subject != null) {
            builder.groupId(subject);
        }
        return builder.build();
    }

    private static String subjectOf(String body) {
        try {
            return new JsonObject(body).getString("subject");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A copy of every event of these types published from now on (a non-durable subscription of the stream). */
    public Listener listen(EventType... types) {
        Set<String> wanted = Arrays.stream(types).map(EventType::type).collect(Collectors.toSet());
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        AmqpReceiver receiver = await(connection.createReceiver(EventStream.ADDRESS,
                new AmqpReceiverOptions().setDurable(false).setAutoAcknowledgement(true)).toCompletionStage());
        receiver.handler(m -> {
            JsonObject props = m.applicationProperties();
            if (props != null && wanted.contains(props.getString(EventStream.TYPE_PROPERTY))) {
                received.add(bodyOf(m));
            }
        });
        return new Listener(receiver, received);
    }

    /** Listens on an existing queue, given by its fully qualified name or, for anycast, its address. */
    public Listener listenOn(String queue) {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        AmqpReceiver receiver = await(connection.createReceiver(queue,
                new AmqpReceiverOptions().setDurable(false).setAutoAcknowledgement(true)).toCompletionStage());
        receiver.handler(m -> received.add(bodyOf(m)));
        return new Listener(receiver, received);
    }

    private static String bodyOf(AmqpMessage m) {
        try {
            return m.bodyAsString();
        } catch (RuntimeException e) {
            return m.bodyAsBinary().toString();
        }
    }

    @Override
    public void close() {
        connection.close();
        client.close();
        vertx.close();
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("AMQP operation failed", e);
        }
    }

    /** Messages received on one queue. */
    public record Listener(AmqpReceiver receiver, LinkedBlockingQueue<String> received) implements AutoCloseable {

        /** Waits for the first message matching, skipping (and dropping) others. */
        public String await(Predicate<String> matching, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    String m = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (m != null && matching.test(m)) {
                        return m;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new AssertionError("No matching message within " + timeout);
        }

        /** Everything matching that arrives within {@code window}. */
        public List<String> collect(Predicate<String> matching, Duration window) {
            List<String> all = new ArrayList<>();
            long deadline = System.nanoTime() + window.toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    String m = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (m != null && matching.test(m)) {
                        all.add(m);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return all;
        }

        @Override
        public void close() {
            receiver.close();
        }
    }
}
