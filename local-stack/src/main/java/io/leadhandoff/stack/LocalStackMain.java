package io.leadhandoff.stack;

import io.leadhandoff.common.messaging.BrokerTopology;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of the infrastructure processes that {@code ./stack} starts:
 * <pre>
 *   java -jar local-stack.jar postgres --port=15432 --data=DIR --superuser-password=P --databases=scoring,routing,sla,reporting
 *   java -jar local-stack.jar broker   --port=5672  --data=DIR --user=U --password=P
 *   java -jar local-stack.jar mail     --port=3025  [--data=DIR] [--web-port=8025]   (SMTP; each message kept as
 *                                                    DIR/n.eml; a web view of the received mail)
 *   java -jar local-stack.jar topology --host=H --port=5672 --user=U --password=P
 *   java -jar local-stack.jar demo-data --reporting=http://127.0.0.1:8084 --token-url=URL [--user=ada
 *                                       --password=ada-demo] [--leads=3000]   (demo history, imported once)
 * </pre>
 * Each database gets a role of the same name with the password {@code <name>-demo}; every
 * connection must authenticate (scram-sha-256). The process
 * runs until it is terminated (SIGTERM stops the component cleanly).
 */
public final class LocalStackMain {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].replaceFirst("^--", "").split("=", 2);
            opts.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        AutoCloseable component = switch (args[0]) {
            case "postgres" -> {
                LocalPostgres pg = LocalPostgres.start(Integer.parseInt(opts.getOrDefault("port", "15432")),
                        Path.of(required(opts, "data")), required(opts, "superuser-password"));
                for (String db : opts.getOrDefault("databases", "").split(",")) {
                    if (!db.isBlank()) {
                        pg.ensureDatabase(db.trim(), db.trim(), db.trim() + "-demo");
                    }
                }
                System.out.println("PostgreSQL ready on 127.0.0.1:" + pg.port());
                yield pg;
            }
            case "broker" -> {
                LocalBroker broker = LocalBroker.start(Integer.parseInt(opts.getOrDefault("port", "5672")),
                        Path.of(required(opts, "data")), required(opts, "user"), required(opts, "password"));
                System.out.println("Artemis (AMQP) ready on 127.0.0.1:" + broker.amqpPort());
                yield broker;
            }
            case "mail" -> {
                LocalMail mail = LocalMail.start(Integer.parseInt(opts.getOrDefault("port", "3025")));
                if (opts.containsKey("data")) {
                    mail.keepingIn(Path.of(opts.get("data")));
                }
                if (opts.containsKey("web-port")) {
                    mail.withWebView(Integer.parseInt(opts.get("web-port")));
                    System.out.println("Mail catcher web view on http://127.0.0.1:" + opts.get("web-port") + "/");
                }
                System.out.println("Mail catcher (SMTP) ready on 127.0.0.1:" + mail.smtpPort());
                yield mail;
            }
            case "topology" -> {
                // applies the topology to a running (external) broker, then exits
                try (TopologyCommand command = new TopologyCommand(opts.getOrDefault("host", "127.0.0.1"),
                        Integer.parseInt(opts.getOrDefault("port", "5672")), required(opts, "user"),
                        required(opts, "password"))) {
                    command.apply(BrokerTopology.platform());
                }
                System.out.println("Broker topology applied: " + BrokerTopology.platform().queues().size() + " queues");
                System.exit(0);
                yield null;
            }
            case "demo-data" -> {
                DemoData.load(required(opts, "reporting"), required(opts, "token-url"), opts.getOrDefault("user", "ada"),
                        opts.getOrDefault("password", "ada-demo"), Integer.parseInt(opts.getOrDefault("leads", "3000")));
                System.exit(0);
                yield null;
            }
            default -> {
                usage();
                yield null;
            }
        };
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                component.close();
            } catch (Exception e) {
                System.err.println("Stopping failed: " + e);
            }
            stopped.countDown();
        }));
        stopped.await();
    }

    private static String required(Map<String, String> opts, String key) {
        String value = opts.get(key);
        if (value == null || value.isBlank()) {
            System.err.println("Missing --" + key);
            System.exit(2);
        }
        return value;
    }

    private static void usage() {
        System.err.println("usage: local-stack postgres --port=N --data=DIR --superuser-password=P [--databases=a,b]\n"
                + "       local-stack broker --port=N --data=DIR --user=U --password=P\n"
                + "       local-stack mail --port=N [--data=DIR] [--web-port=N]\n"
                + "       local-stack topology --host=H --port=N --user=U --password=P   (apply to a running broker)\n"
                + "       local-stack demo-data --reporting=URL --token-url=URL [--user=U --password=P] [--leads=N]");
        System.exit(2);
    }
}
