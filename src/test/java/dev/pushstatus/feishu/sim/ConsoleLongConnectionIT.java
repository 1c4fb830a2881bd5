package dev.pushstatus.feishu.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.sim.LongConnectionTestClient.Frame;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (headless Chromium, installed by {@code scripts/ensure-browser})
 * when the chat goes over the long connection: its panel shows the connection, a message is
 * pushed and acked, a fault button drops the connection. The bot is the test's bare client.
 */
class ConsoleLongConnectionIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    FeishuSimulator sim;
    LongConnectionTestClient bot;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        assertThat(CHROMIUM).as("Chromium; install it with scripts/ensure-browser").exists();
        assertThat(CHROMEDRIVER).as("chromedriver; install it with scripts/ensure-browser").exists();
        sim = new FeishuSimulator(SimCredentials.sandbox(new SecureRandom()), NotificationFixtures.seeded(FeishuJson.newMapper(), Clock.systemUTC()),
                FeishuJson.newMapper(), Clock.systemUTC()).start(0);
        sim.startChatOverLongConnection();
        bot = LongConnectionTestClient.connect(sim).awaitOpen();
        sim.longConnection().awaitOpenConnections(1, Duration.ofSeconds(10));
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get(sim.baseUrl() + "/console/");
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (bot != null) {
            bot.close();
        }
        sim.close();
    }

    @Test
    void thePanelShowsTheConnectionAMessageIsAckedAndDropCutsIt() throws Exception {
        wait.until(d -> d.findElement(By.id("ws-panel")).isDisplayed());
        wait.until(d -> d.findElement(By.id("ws-state")).getText().startsWith("1 open ("));
        assertThat(browser.findElement(By.id("hint")).getText()).contains("long connection");

        CompletableFuture<Frame> acked = CompletableFuture.supplyAsync(() -> {
            try {
                Frame event = bot.next();
                bot.send(event.ack("{\"code\":200}"));
                return event;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        browser.findElement(By.id("text")).sendKeys("/help", Keys.ENTER);
        assertThat(acked.get(15, TimeUnit.SECONDS).text()).contains("im.message.receive_v1", "/help");
        wait.until(d -> d.findElement(By.cssSelector("#messages .status-line")).getText()
                .equals("no reply (the bot answered Feishu with ack code 200)"));
        wait.until(d -> d.findElement(By.id("ws-state")).getText().contains("1 pushes, 1 acks"));

        browser.findElement(By.cssSelector("[data-ws-fault='drop']")).click();
        assertThat(bot.awaitEnd().failure()).isNotNull();
        wait.until(d -> d.findElement(By.id("ws-fault")).getText().equals("Injected once: drop."));
        wait.until(d -> d.findElement(By.id("ws-state")).getText().startsWith("0 open ("));

        browser.findElement(By.cssSelector("[data-ws-fault='handshake-forbidden']")).click();
        wait.until(d -> d.findElement(By.id("ws-state")).getText().contains("faults: handshake-forbidden"));
        browser.findElement(By.cssSelector("[data-ws-clear]")).click();
        wait.until(d -> d.findElement(By.id("ws-fault")).getText().equals("Faults cleared."));
        assertThat(browser.findElement(By.id("ws-state")).getText()).doesNotContain("faults:");
    }
}
