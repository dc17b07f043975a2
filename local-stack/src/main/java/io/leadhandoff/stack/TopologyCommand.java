package io.leadhandoff.stack;

import io.leadhandoff.common.messaging.BrokerTopology;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Applies the platform's {@link BrokerTopology} to a running Artemis broker (an external one, e.g.
 * {@code STACK_BROKER=external}) through Artemis management messages over AMQP: the delivery
 * settings of the event stream's address, then every queue, created if missing and brought up to
 * date (filter) if present. Idempotent: run it before the services start, on every deploy.
 */
public final class TopologyCommand implements AutoCloseable {

    /** Artemis' management address; operations are invoked by application properties. */
    static final String MANAGEMENT_ADDRESS = "activemq.management";

    private final Vertx vertx = Vertx.vertx();
    private final AmqpClient client;
    private final AmqpConnection connection;
    private final AmqpSender sender;
    private final AmqpReceiver replies;

    public TopologyCommand(String host, int port, String user, String password) {
        client = AmqpClient.create(vertx, new AmqpClientOptions().setHost(host).setPort(port).setUsername(user)
                .setPassword(password));
        connection = await(client.connect().toCompletionStage());
        sender = await(connection.createSender(MANAGEMENT_ADDRESS).toCompletionStage());
        replies = await(connection.createDynamicReceiver().toCompletionStage());
    }

    public void apply(BrokerTopology topology) {
        BrokerTopology.DeliverySettings d = topology.delivery();
        for (String match : topology.queues().stream().map(BrokerTopology.Queue::address).distinct().toList()) {
            invoke("addAddressSettings", new JsonArray().add(match).add(LocalBroker.addressSettings(d).toJSON()));
        }
        for (BrokerTopology.Queue q : topology.queues()) {
            String config = LocalBroker.queueConfiguration(q).toJSON();
            invoke("createQueue", new JsonArray().add(config).add(true));
            invoke("updateQueue", new JsonArray().add(config));
        }
    }

    /** Invokes one operation of the broker's management resource and fails unless it succeeded. */
    String invoke(String operation, JsonArray parameters) {
        CompletableFuture<AmqpMessage> reply = new CompletableFuture<>();
        replies.handler(reply::complete);
        sender.send(AmqpMessage.create().address(MANAGEMENT_ADDRESS).replyTo(replies.address())
                .applicationProperties(new JsonObject().put("_AMQ_ResourceName", "broker")
                        .put("_AMQ_OperationName", operation))
                .withBody(parameters.encode()).build());
        AmqpMessage answer = await(reply);
        String body = answer.bodyAsString();
        Boolean succeeded = answer.applicationProperties() == null ? null
                : answer.applicationProperties().getBoolean("_AMQ_OperationSucceeded");
        if (!Boolean.TRUE.equals(succeeded)) {
            throw new IllegalStateException("Broker refused " + operation + ": " + body);
        }
        return body;
    }

    @Override
    public void close() {
        connection.close();
        client.close();
        vertx.close();
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("AMQP management call failed", e);
        }
    }

}
