package dev.pushstatus.store;

import com.github.benmanes.caffeine.cache.Ticker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the store's ITs share: one redis-server for the class, emptied before each test, a plain
 * connection to look at what the adapters wrote, and links (one per "replica") closed after each test.
 */
abstract class OnRealRedis {

    static RedisServer server;
    static RedisClient inspectClient;
    /** Reads what the adapters wrote, outside them. */
    static RedisCommands<String, String> inspect;
    private final List<RedisLink> links = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
        inspectClient = RedisClient.create(server.url());
        inspect = inspectClient.connect().sync();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        inspectClient.shutdown();
        server.close();
    }

    @BeforeEach
    void empty() {
        inspect.flushall();
    }

    @AfterEach
    void closeLinks() {
        links.forEach(RedisLink::close);
    }

    /** A new connection, as another replica holds one. */
    RedisLink link() {
        return keep(RedisLink.connect(RedisURI.create(server.url()), Ticker.systemTicker(), Clock.systemUTC()));
    }

    /** Closes the link after the test. */
    RedisLink keep(RedisLink link) {
        links.add(link);
        return link;
    }
}
