package dev.pushstatus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sandbox console in a real browser (Debian's headless Chromium): chat, card, Refresh after
 * a change in the simulated helpdesk, a hostile job name shown as text. It fails, never skips,
 * when no browser is installed: {@code scripts/ensure-browser} installs one.
 */
class ConsoleIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String HOSTILE_ID = "7301402215380811007";
    static BotHarness h;
    static ChromeDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        assertThat(CHROMIUM).as("Chromium; install it with scripts/ensure-browser").exists();
        assertThat(CHROMEDRIVER).as("chromedriver; install it with scripts/ensure-browser").exists();
        h = BotHarness.encrypted();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        // Cards are re-rendered in place (Refresh, language switch): an element read mid-swap is stale.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        browser.get(h.sim.baseUrl() + "/console/");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (h != null) {
            h.close();
        }
    }

    private static void say(String text) {
        WebElement input = browser.findElement(By.id("text"));
        input.sendKeys(text, Keys.ENTER);
    }

    private static List<WebElement> cards() {
        return browser.findElements(By.cssSelector("#messages .card"));
    }

    private static WebElement awaitCard(int count) {
        wait.until(d -> cards().size() >= count);
        return cards().get(count - 1);
    }

    private static String field(WebElement card, String label) {
        return card.findElements(By.cssSelector(".card-field")).stream().map(WebElement::getText)
                .filter(text -> text.startsWith(label)).findFirst().orElse("");
    }

    @Test
    void aStatusCardThenRefreshAfterTheHelpdeskChangedThenAHostileNameAsText() throws Exception {
        say("/push-status " + PushStatusIT.SEED_ID);
        WebElement card = awaitCard(1);
        assertThat(card.findElement(By.className("card-title")).getText()).isEqualTo("测试推送任务");
        assertThat(card.findElement(By.className("card-subtitle")).getText()).isEqualTo("ID " + PushStatusIT.SEED_ID);
        assertThat(field(card, "Target")).isEqualTo("Target\n1");
        assertThat(field(card, "Read")).startsWith("Read\n1\n");

        new Select(browser.findElement(By.id("notification"))).selectByValue(PushStatusIT.SEED_ID);
        setField("f-target_user_count", "1200");
        setField("f-sent_user_count", "900");
        setField("f-read_user_count", "450");
        browser.findElement(By.id("apply")).click();
        wait.until(d -> d.findElement(By.id("applied")).getText().startsWith("Saved"));
        card.findElements(By.cssSelector(".card-actions button")).get(0).click();

        wait.until(d -> field(cards().get(0), "Read").startsWith("Read\n450\n"));
        WebElement refreshed = cards().get(0);
        assertThat(field(refreshed, "Sent")).contains("900", "75% of target");
        assertThat(browser.findElement(By.cssSelector("#messages .toast")).getText()).startsWith("Refreshed");
        assertThat(cards()).as("updated in place, no new card").hasSize(1);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/console.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        say("/ps " + HOSTILE_ID);
        WebElement hostile = awaitCard(2);
        String title = hostile.findElement(By.className("card-title")).getText().replace("\u200B", "");
        assertThat(title).startsWith("<at id=all></at> **urgent** [click](https://evil.example) <font");
        assertThat(hostile.getText()).contains("<at id=ou_x></at>");
        assertThat(browser.findElements(By.cssSelector("#messages at, #messages font, #messages a[href*='evil']")))
                .as("no element injected from the notification").isEmpty();

        new Select(browser.findElement(By.id("lang"))).selectByValue("zh_cn");
        wait.until(d -> field(cards().get(0), "已读").startsWith("已读\n450"));

        browser.findElement(By.cssSelector("[data-fault='404']")).click();
        wait.until(d -> d.findElement(By.id("fault-queued")).getText().contains("404"));
        h.skipAhead(Duration.ofSeconds(11)); // refreshes of one notification are at least 10 s apart
        cards().get(0).findElements(By.cssSelector(".card-actions button")).get(0).click();
        wait.until(d -> d.findElements(By.cssSelector("#messages .toast")).get(0).getText().contains("找不到"));

        browser.findElement(By.id("metrics-refresh")).click();
        wait.until(d -> d.findElement(By.id("metrics")).getText().contains("pushbot_events_total"));
    }

    private static void setField(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRendererShowsUnknownElementsAsPlaceholdersAndNeverParsesCardTextAsHtml() {
        Object result = browser.executeScript("""
                const card = {header: {template: "red", title: {tag: "plain_text", content: "<img src=x onerror=alert(1)>"}},
                  elements: [{tag: "img", img_key: "k"}, {tag: "column_set"},
                             {tag: "div", text: {tag: "lark_md", content: "**b** &lt;b&gt;x&lt;/b&gt; <i>y</i>"}},
                             {tag: "action", actions: [{tag: "button", text: {content: "bad"}, url: "javascript:alert(1)"}]}]};
                const node = PushCards.render(card, "en_us", () => {});
                return [node.querySelectorAll("img, i, b, a").length, node.querySelectorAll(".card-unknown").length,
                        node.querySelector(".card-title").textContent, node.querySelector(".card-div").textContent,
                        node.querySelector("strong").textContent];
                """);

        assertThat((List<Object>) result).containsExactly(0L, 3L, "<img src=x onerror=alert(1)>", "b <b>x</b> <i>y</i>", "b");
    }
}
