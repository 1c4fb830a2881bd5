package dev.pushstatus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
 * The sandbox console in a real browser (Debian's headless Chromium): chat, card (chart, stage
 * colour, folded details), Refresh after a change in the simulated helpdesk with a toast per
 * outcome, the fault queue, the metrics table, a hostile job name shown as text, every stage in
 * both languages at 900 px wide (photographed into docs/). It fails, never skips,
 * when no browser is installed: {@code scripts/ensure-browser} installs one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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

    /** The text of the numbers row's column whose label starts so (e.g. "Read"). */
    private static String number(WebElement card, String label) {
        return card.findElements(By.cssSelector(".card-column")).stream().map(WebElement::getText)
                .filter(text -> text.contains("\n" + label)).findFirst().orElse("");
    }

    private static String template(WebElement card) {
        return card.findElement(By.className("card-header")).getAttribute("data-template");
    }

    private static WebElement toast(int cardIndex) {
        return browser.findElements(By.cssSelector("#messages .toast")).get(cardIndex);
    }

    /** The notification the helpdesk panel has picked. */
    private static String picked() {
        return browser.findElement(By.id("notification")).getAttribute("value");
    }

    private static void refresh(int cardIndex) {
        cards().get(cardIndex).findElements(By.cssSelector(".card-actions button")).get(0).click();
    }

    private static void queueFault(String kind) {
        int before = browser.findElements(By.cssSelector("#fault-log li")).size();
        browser.findElement(By.cssSelector("[data-fault='" + kind + "']")).click();
        wait.until(d -> d.findElements(By.cssSelector("#fault-log li")).size() > before
                || d.findElements(By.cssSelector("#fault-log li")).size() == 8);
    }

    private static List<String> faultLog() {
        return browser.findElements(By.cssSelector("#fault-log li")).stream()
                .map(li -> li.getText().replaceAll(" \\d.*$", "")).toList();
    }

    @Test
    @Order(2) // its 429 keeps the bot off the helpdesk for 10 s: after the stage pictures
    void aStatusCardWithItsChartStageColourRefreshToastsByOutcomeTheFaultQueueAndMetrics() throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
        browser.get(h.sim.baseUrl() + "/console/");
        say("/push-status " + PushStatusIT.SEED_ID);
        WebElement card = awaitCard(1);
        assertThat(card.findElement(By.className("card-title")).getText()).isEqualTo("测试推送任务");
        assertThat(card.findElement(By.className("card-subtitle")).getText()).isEqualTo("ID " + PushStatusIT.SEED_ID);
        assertThat(template(card)).as("delivered is green").isEqualTo("green");
        assertThat(card.findElement(By.className("card-tag")).getText()).isEqualTo("Delivered");
        assertThat(card.findElement(By.cssSelector(".card-div")).getText()).startsWith("Delivered to all 1\nRead by 1");
        WebElement chart = card.findElement(By.cssSelector("svg.card-chart"));
        assertThat(chart.getAttribute("data-type")).isEqualTo("bar");
        assertThat(chart.findElements(By.cssSelector("rect.chart-bar"))).as("target, sent, read").hasSize(3);
        assertThat(chart.findElements(By.cssSelector("text.chart-label")).stream().map(WebElement::getText).toList())
                .containsExactly("Target", "Sent", "Read");
        assertThat(number(card, "Read")).isEqualTo("1\nRead · 100% of sent");
        assertThat(card.findElement(By.cssSelector("details.card-panel")).getAttribute("open")).as("details folded").isNull();
        wait.until(d -> PushStatusIT.SEED_ID.equals(picked()));

        setField("f-target_user_count", "1200");
        setField("f-sent_user_count", "900");
        setField("f-read_user_count", "450");
        browser.findElement(By.id("apply")).click();
        wait.until(d -> d.findElement(By.id("applied")).getText().startsWith("Saved"));
        refresh(0);

        wait.until(d -> number(cards().get(0), "Read").startsWith("450\n"));
        WebElement refreshed = cards().get(0);
        assertThat(template(refreshed)).as("sending is blue").isEqualTo("blue");
        assertThat(number(refreshed, "Sent")).isEqualTo("900\nSent · 75% of target");
        assertThat(toast(0).getText()).startsWith("Refreshed: numbers as of ");
        assertThat(toast(0).getAttribute("data-type")).isEqualTo("success");
        assertThat(cards()).as("updated in place, no new card").hasSize(1);
        // The same moment as docs/console-before.png (a card after Refresh), for a side-by-side.
        picture(Path.of("docs/console-after-refresh.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        say("/ps " + HOSTILE_ID);
        WebElement hostile = awaitCard(2);
        String title = hostile.findElement(By.className("card-title")).getText().replace("\u200B", "");
        assertThat(title).startsWith("<at id=all></at> **urgent** [click](https://evil.example) <font");
        hostile.findElement(By.cssSelector("details.card-panel summary")).click();
        assertThat(hostile.getText()).contains("<at id=ou_x></at>");
        assertThat(browser.findElements(By.cssSelector("#messages at, #messages font, #messages a[href*='evil']")))
                .as("no element injected from the notification").isEmpty();
        wait.until(d -> HOSTILE_ID.equals(picked()));

        new Select(browser.findElement(By.id("lang"))).selectByValue("zh_cn");
        wait.until(d -> number(cards().get(0), "已读").startsWith("450\n"));
        assertThat(cards().get(0).findElement(By.className("card-tag")).getText()).isEqualTo("发送中");
        assertThat(toast(0).getText()).as("the toast in the chosen language").startsWith("已刷新：");

        // An error: the next lookup answers 404; the fault is queued, then used.
        assertThat(browser.findElement(By.id("fault-empty")).isDisplayed()).isTrue();
        queueFault("404");
        assertThat(faultLog()).containsExactly("404 · queued");
        h.skipAhead(Duration.ofSeconds(11)); // refreshes of one notification are at least 10 s apart
        refresh(1);
        wait.until(d -> toast(1).getText().contains("找不到"));
        assertThat(toast(1).getAttribute("data-type")).isEqualTo("error");
        wait.until(d -> faultLog().equals(List.of("404 · used")));

        // A warning: a 429, with a 404 queued behind it (explained), then the queue cleared.
        queueFault("429");
        queueFault("404");
        assertThat(browser.findElement(By.id("fault-note")).isDisplayed()).as("faults behind a 429 explained").isTrue();
        h.skipAhead(Duration.ofSeconds(11));
        refresh(0);
        wait.until(d -> toast(0).getText().contains("飞书繁忙"));
        assertThat(toast(0).getAttribute("data-type")).isEqualTo("warning");
        wait.until(d -> faultLog().equals(List.of("404 · used", "429 · used", "404 · queued")));
        browser.findElement(By.id("faults-clear")).click();
        wait.until(d -> faultLog().equals(List.of("404 · used", "429 · used", "404 · cleared")));
        assertThat(browser.findElement(By.id("faults-clear")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("fault-note")).isDisplayed()).isFalse();

        browser.findElement(By.id("metrics-refresh")).click();
        wait.until(d -> d.findElement(By.id("metrics")).getText().contains("Events by outcome"));
        assertThat(browser.findElements(By.cssSelector("#metrics table.metrics-table td.num"))).isNotEmpty();
        assertThat(browser.findElement(By.id("metrics")).getText()).doesNotContain("# HELP", "{");
    }

    /**
     * Issue 17's sandbox: "Send it now" starts a scheduled push, /push-watch answers with a live card,
     * and the card changes by itself in the console as the bot updates it in place.
     */
    @Test
    @Order(3)
    void aWatchedCardChangesByItselfAsThePushGoesOut() throws Exception {
        String scheduled = STAGES.get(0)[1];
        new Select(browser.findElement(By.id("lang"))).selectByValue("en_us");
        new Select(browser.findElement(By.id("notification"))).selectByValue(scheduled);
        browser.findElement(By.id("send-now")).click();
        wait.until(d -> d.findElement(By.id("applied")).getText().startsWith("Sending now"));
        int before = cards().size();

        say("/push-watch " + scheduled + " 10m");
        WebElement card = awaitCard(before + 1);
        assertThat(card.getText()).contains("Live").contains("Stop");
        Thread.sleep(6_000); // the simulated push sends one of its 12 every 5 s
        h.skipClockAhead(Duration.ofSeconds(61)); // the bot's next check is due (and any 429 pause is over)

        wait.until(d -> "1".equals(cards().get(before).findElement(By.xpath("..")).getAttribute("data-updated")));
        WebElement updated = cards().get(before);
        assertThat(updated.getText()).contains("Sending").contains("Live");
        assertThat(toast(before).getText()).isEqualTo("the bot updated this card");
        assertThat(h.sim.updates()).isEqualTo(1);
    }

    /** What a picture shows: the console and the card renderer, and the sample notifications. */
    static final List<Path> PICTURED = List.of(Path.of("src/main/resources/console"), Path.of("src/main/resources/sim"),
            Path.of("src/main/java/dev/pushstatus/feishu/card"));

    /**
     * Writes a picture into docs/ when there is none, or when what it shows changed since it was
     * committed: a file under {@link #PICTURED} has uncommitted changes or a newer commit than the
     * picture. Git's history, not file times, which a fresh clone sets at random. So the README's
     * pictures follow the code, and a run on an unchanged tree leaves them alone (their relative
     * times differ from run to run).
     */
    static void picture(Path file, byte[] png) throws Exception {
        if (Files.exists(file) && !changedSince(file)) {
            return;
        }
        Files.write(file, png);
    }

    private static boolean changedSince(Path picture) throws Exception {
        List<String> pictured = PICTURED.stream().map(Path::toString).toList();
        List<String> status = new java.util.ArrayList<>(List.of("git", "status", "--porcelain", "--"));
        status.addAll(pictured);
        String uncommitted = git(status);
        if (uncommitted == null) {
            return false; // no git here: keep the pictures as they are
        }
        List<String> sources = new java.util.ArrayList<>(List.of("git", "log", "-1", "--format=%ct", "--"));
        sources.addAll(pictured);
        String sourceTime = git(sources);
        String pictureTime = git(List.of("git", "log", "-1", "--format=%ct", "--", picture.toString()));
        return !uncommitted.isBlank() || pictureTime == null || pictureTime.isBlank()
                || (sourceTime != null && !sourceTime.isBlank()
                && Long.parseLong(sourceTime.strip()) > Long.parseLong(pictureTime.strip()));
    }

    /** What a git command prints, or null when it cannot run here. */
    private static String git(List<String> command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? out : null;
        } catch (java.io.IOException noGit) {
            return null;
        }
    }

    private static void setField(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    /** One sample per stage (times relative to now) and its header colour. */
    static final List<String[]> STAGES = List.of(
            new String[] {"scheduled", "7301402215380811001", "wathet"},
            new String[] {"sending", "7301402215380811009", "blue"},
            new String[] {"delivered", "7301402215380811008", "green"},
            new String[] {"overdue", "7301402215380811010", "orange"},
            new String[] {"not-sent", "7301402215380811011", "grey"});
    static final Path SCREENSHOTS = Path.of("docs/screenshots");

    /**
     * Each stage's card in both languages, and the whole console at 900 px: checked, and
     * photographed into docs/screenshots/ whenever what they show changed ({@link #picture}), so the
     * pictures in the README never go stale.
     */
    @Test
    @Order(1)
    void everyStageInBothLanguagesAtNineHundredPixelsWide() throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(900, 1000));
        browser.get(h.sim.baseUrl() + "/console/");
        Files.createDirectories(SCREENSHOTS);
        int count = 0;
        for (String[] stage : STAGES) {
            say("/push-status " + stage[1]);
            WebElement card = awaitCard(++count);
            assertThat(template(card)).as(stage[0]).isEqualTo(stage[2]);
            assertThat(card.findElements(By.cssSelector("svg.card-chart rect.chart-bar"))).as(stage[0]).isNotEmpty();
        }
        for (String lang : new String[] {"en_us", "zh_cn"}) {
            new Select(browser.findElement(By.id("lang"))).selectByValue(lang);
            String tag = lang.equals("en_us") ? "Overdue" : "已逾期";
            wait.until(d -> cards().get(3).findElement(By.className("card-tag")).getText().equals(tag));
            for (int i = 0; i < STAGES.size(); i++) {
                WebElement card = cards().get(i);
                ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", card);
                picture(SCREENSHOTS.resolve("card-" + STAGES.get(i)[0] + "-" + lang + ".png"),
                        card.getScreenshotAs(OutputType.BYTES));
            }
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "document.querySelector('#messages').scrollTop = 0");
            picture(Path.of("docs/console-after" + (lang.equals("en_us") ? "" : "-zh") + ".png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        }
        Object overflow = browser.executeScript(
                "return [document.documentElement.scrollWidth, window.innerWidth,"
                        + " document.querySelector('.panel').getBoundingClientRect().right,"
                        + " document.querySelector('#messages .card').getBoundingClientRect().right,"
                        + " document.querySelector('.chat').getBoundingClientRect().right]");
        List<?> widths = (List<?>) overflow;
        long page = ((Number) widths.get(0)).longValue();
        long window = ((Number) widths.get(1)).longValue();
        assertThat(page).as("no sideways scrolling at 900 px").isLessThanOrEqualTo(window);
        assertThat(((Number) widths.get(2)).doubleValue()).as("the panel fits").isLessThanOrEqualTo(window);
        assertThat(((Number) widths.get(3)).doubleValue()).as("a card fits in the chat")
                .isLessThanOrEqualTo(((Number) widths.get(4)).doubleValue());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRendererShowsUnknownElementsAsPlaceholdersAndNeverParsesCardTextAsHtml() {
        Object result = browser.executeScript("""
                const card = {header: {template: "red", title: {tag: "plain_text", content: "<img src=x onerror=alert(1)>"}},
                  elements: [{tag: "img", img_key: "k"}, {tag: "table"},
                             {tag: "chart", chart_spec: {type: "sankey", data: {values: [{a: 1}]}}},
                             {tag: "div", text: {tag: "lark_md", content: "**b** &lt;b&gt;x&lt;/b&gt; <i>y</i>"}},
                             {tag: "action", actions: [{tag: "button", text: {content: "bad"}, url: "javascript:alert(1)"}]}]};
                const node = PushCards.render(card, "en_us", () => {});
                return [node.querySelectorAll("img, i, b, a").length, node.querySelectorAll(".card-unknown").length,
                        node.querySelector(".card-title").textContent, node.querySelector(".card-div").textContent,
                        node.querySelector("strong").textContent];
                """);

        assertThat((List<Object>) result).containsExactly(0L, 4L, "<img src=x onerror=alert(1)>", "b <b>x</b> <i>y</i>", "b");
    }

    @Test
    @SuppressWarnings("unchecked")
    void chartsTheBotCanSendAreDrawnAndAnythingElseIsAPlaceholder() {
        Object result = browser.executeScript("""
                const values = [{s: "<b>Target</b>", n: 10}, {s: "Sent", n: 5}, {s: "Read", n: 0}];
                const bar = PushCards.chart({chart_spec: {type: "bar", direction: "horizontal", data: [{values}],
                  xField: "n", yField: "s"}});
                const funnel = PushCards.chart({chart_spec: {type: "funnel", data: [{values}], categoryField: "s", valueField: "n"}});
                const vertical = PushCards.chart({chart_spec: {type: "bar", data: [{values}], xField: "s", yField: "n"}});
                const bad = PushCards.chart({chart_spec: {type: "bar", direction: "horizontal", data: [{values: [{s: "x", n: "NaN"}]}],
                  xField: "n", yField: "s"}});
                const widths = [...bar.querySelectorAll("rect")].map(r => Number(r.getAttribute("width")));
                return [bar.getAttribute("data-type"), widths, funnel.getAttribute("data-type"),
                        funnel.querySelectorAll("rect").length, bar.querySelector("text").textContent,
                        bar.querySelectorAll("b").length, vertical.className, bad.className];
                """);

        List<Object> r = (List<Object>) result;
        assertThat(r.get(0)).isEqualTo("bar");
        assertThat((List<Object>) r.get(1)).containsExactly(320L, 160L, 0L);
        assertThat(r.subList(2, 6)).containsExactly("funnel", 3L, "<b>Target</b>", 0L);
        assertThat((String) r.get(6)).contains("card-unknown");
        assertThat((String) r.get(7)).contains("card-unknown");
    }
}
