package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * The explain page in a real browser (headless Chromium through chromedriver, one browser for the
 * class): select a weight by click or keyboard, read back the number of paths and the sum the page
 * shows, and compare them with {@code explain --json} for the same weight. Skipped when chromium or
 * chromedriver is not installed (CI installs both), and in the plain-kernels run of the suite (the
 * page's numbers come from the explanation objects, whose kernels the other tests cover).
 * With {@code -Dexplain.page.screenshot=FILE.png} the soft-target page is also saved as a screenshot
 * (docs/explain-page.png is made so).
 */
class ExplainPageBrowserTest {
    private static final Pattern PATH_COUNT = Pattern.compile("\"pathCount\": (\\d+)");
    private static final Pattern SUM = Pattern.compile("\"sum\": (\\S+),");
    private static final Pattern POSITIONS = Pattern.compile("\"positions\": (\\d+), \"inPadding\"");
    private static final Pattern IN_PADDING = Pattern.compile("\"inPadding\": (\\d+), \"padding\"");
    private static final Pattern POSITIONS_SUM = Pattern.compile("\"onPaths\": \\d+, \"pathCount\": \\d+, \"sum\": (\\S+),");

    @TempDir
    static Path dir;

    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() {
        assumeFalse("plain".equals(System.getProperty("backprop4j.kernels")), "the page's test runs with the default kernels only");
        Optional<Path> chromium = onPath("chromium");
        Optional<Path> driver = onPath("chromedriver");
        assumeTrue(chromium.isPresent() && driver.isPresent(), "chromium and chromedriver are not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("chromium-profile"), "--window-size=1280,1600");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void classicNetworkClickAndKeyboardShowThePathsAndSumOfExplainJson() {
        Path page = write("classic.html");
        open(page);
        assertThat(shownPaths()).isEqualTo(explainJson(PATH_COUNT, "--param", "0.weight[0,1]"));
        assertThat(shownSum()).isEqualTo(Double.parseDouble(explainJson(SUM, "--param", "0.weight[0,1]")));
        // red: E-o1, o1-z0, o1-z1, z0-h0, z1-h0, h0-a0 and the weight's own edge x1-a0
        assertThat(browser.findElements(By.cssSelector("#network .edge.on"))).extracting(e -> e.getAttribute("data-edge"))
                .containsExactlyInAnyOrder("E|o[0,1]", "o[0,1]|z[0,0]", "o[0,1]|z[0,1]", "h[0,0]|z[0,0]", "h[0,0]|z[0,1]",
                        "a[0,0]|h[0,0]", "a[0,0]|x[0,1]");

        browser.findElement(By.cssSelector("#network .weight[data-param='2.weight[1,0]']")).click();
        assertSelected("2.weight[1,0]", List.of());

        // keyboard: the weight after 2.weight[1,0] in the model's order is 2.weight[1,1]
        new Actions(browser).sendKeys(Keys.ARROW_RIGHT).perform();
        assertSelected("2.weight[1,1]", List.of());
        WebElement bias = browser.findElement(By.cssSelector("#network .weight[data-param='0.bias[1]']"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].focus()", bias);
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        assertSelected("0.bias[1]", List.of());
        // the textbook factor tables show both cases of the softmax Jacobian
        assertThat(browser.findElement(By.id("paths")).getText()).contains("j = k").contains("j ≠ k");
    }

    @Test
    void softTargetsMarkTauAndBothFormsMatchExplainJson() throws Exception {
        Path page = write("soft.html", "--targets", "soft", "--derive");
        open(page);
        assertThat(browser.findElement(By.id("tau-note")).getText()).contains("τ = ∑ t = 1.1 ≠ 1");
        browser.findElement(By.cssSelector("#elements button[data-param='0.weight[1,1]']")).click();
        assertSelected("0.weight[1,1]", List.of("--targets", "soft"));
        browser.findElement(By.cssSelector("#form-toggle input[value='fused']")).click();
        assertSelected("0.weight[1,1]", List.of("--targets", "soft", "--form", "fused"));
        assertThat(browser.findElements(By.cssSelector("tr.tau-row"))).isNotEmpty();
        assertThat(browser.findElement(By.id("derivation")).getAttribute("open")).isNotNull();
        assertThat(browser.findElement(By.id("derivation-body")).getText()).contains("the targets do not sum to one");

        String shot = System.getProperty("explain.page.screenshot");
        if (shot != null) {
            browser.findElement(By.cssSelector("#form-toggle input[value='textbook']")).click();
            browser.findElement(By.cssSelector("#network .weight[data-param='0.weight[0,1]']")).click();
            browser.manage().window().setSize(new Dimension(1280, 1500));
            Files.copy(((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath(), Path.of(shot),
                    StandardCopyOption.REPLACE_EXISTING);
            browser.manage().window().setSize(new Dimension(1280, 1600));
        }
    }

    @Test
    void trainedDigitsModelShowsTheLayerGraphAndMatchesExplainJson() {
        Path model = dir.resolve("digits.safetensors");
        Cli.Result trained = Cli.run("train", "--dataset", "digits", "--epochs", "2", "--hidden", "16",
                "--save", model.toString());
        assertThat(trained.exit()).as(trained.err()).isZero();
        List<String> args = List.of("--model", model.toString(), "--input", "4");
        Path page = write("digits.html", args.toArray(String[]::new));
        open(page);
        assertThat(browser.findElement(By.id("subset")).getText()).contains("this page holds");
        List<WebElement> buttons = browser.findElements(By.cssSelector("#elements button"));
        assertThat(buttons).hasSizeGreaterThan(4);
        for (String param : List.of("2.weight[5,0]", "0.bias[8]")) {
            browser.findElement(By.cssSelector("#elements button[data-param='" + param + "']")).click();
            assertSelected(param, args);
        }
        // the layer graph: the 0.bias path runs E - o - z - h - a - its +1 input
        assertThat(browser.findElements(By.cssSelector("#network .node.on"))).extracting(e -> e.getAttribute("data-node"))
                .containsExactlyInAnyOrder("E", "o", "z", "h", "a", "+1 0");
    }

    @Test
    void convolutionWeightShowsItsPositionsWithTheSumsOfExplainJson() {
        Path model = dir.resolve("cnn.safetensors");
        Cli.Result trained = Cli.run("train", "--dataset", "digits", "--epochs", "1", "--layers",
                "conv2d(4,3,padding=1) relu maxpool2d(2) flatten linear", "--save", model.toString());
        assertThat(trained.exit()).as(trained.err()).isZero();
        List<String> args = List.of("--model", model.toString());
        Path page = write("cnn.html", "--model", model.toString(), "--param", "0.weight[3,0,1,1]");
        open(page);
        for (String param : List.of("0.weight[3,0,1,1]", "0.weight[0,0,0,0]")) { // the centre tap, then a corner in the padding
            browser.findElement(By.cssSelector("#elements button[data-param='" + param + "']")).click();
            assertSelected(param, args);
            List<String> a = new ArrayList<>(args);
            a.addAll(List.of("--param", param));
            String json = explainJsonOutput(a.toArray(String[]::new));
            assertThat(browser.findElement(By.id("sharing")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("sharing-positions")).getText()).isEqualTo(first(POSITIONS, json));
            assertThat(browser.findElement(By.id("sharing-in-padding")).getText()).isEqualTo(first(IN_PADDING, json));
            assertThat(browser.findElement(By.id("sharing-path-count")).getText()).isEqualTo(first(PATH_COUNT, json));
            assertThat(Double.parseDouble(browser.findElement(By.id("positions-sum")).getAttribute("data-value")))
                    .isEqualTo(Double.parseDouble(first(POSITIONS_SUM, json)));
            assertThat(browser.findElements(By.cssSelector("#sharing-top tr"))).hasSize(11); // a header and the 10 largest
            assertThat(browser.findElements(By.cssSelector("#sharing-rows tr"))).hasSize(9); // a header and the 8 rows
            assertThat(browser.findElement(By.id("paths")).getText()).contains("via a[0," + param.charAt(9) + ",");
        }
        assertThat(browser.findElement(By.id("sharing-padding")).getText()).startsWith("In the padding: a[0,0,0,0], a[0,0,0,1]");
        browser.findElement(By.cssSelector("#elements button[data-param='0.bias[0]']")).click();
        assertThat(browser.findElement(By.id("sharing")).isDisplayed()).isFalse();
    }

    /** Writes the page with {@code explain --html} and the given options. */
    private static Path write(String name, String... options) {
        Path page = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("explain", "--html", page.toString()));
        args.addAll(List.of(options));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote " + page);
        return page;
    }

    private static void open(Path page) {
        browser.get(page.toUri().toString());
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-ready")).isEqualTo("true");
    }

    /** The page shows {@code param} with the path count and sum of {@code explain --json --param param options...}. */
    private static void assertSelected(String param, List<String> options) {
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("--param", param));
        String[] a = args.toArray(String[]::new);
        assertThat(browser.findElement(By.id("paths-title")).getText()).contains(param);
        assertThat(shownPaths()).isEqualTo(explainJson(PATH_COUNT, a));
        assertThat(shownSum()).isEqualTo(Double.parseDouble(explainJson(SUM, a)));
    }

    private static String shownPaths() {
        return browser.findElement(By.id("path-count")).getText();
    }

    private static double shownSum() {
        return Double.parseDouble(browser.findElement(By.id("sum")).getAttribute("data-value"));
    }

    /** The first match of {@code field} in the output of {@code explain --json args...}. */
    private static String explainJson(Pattern field, String... args) {
        return first(field, explainJsonOutput(args));
    }

    /** The output of {@code explain --json args...}. */
    private static String explainJsonOutput(String... args) {
        List<String> all = new ArrayList<>(List.of("explain", "--json"));
        all.addAll(List.of(args));
        Cli.Result r = Cli.run(all.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return r.out();
    }

    /** The first match of {@code field} in {@code json}. */
    private static String first(Pattern field, String json) {
        Matcher m = field.matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        try (Stream<String> dirs = Stream.of(path.split(File.pathSeparator))) {
            return dirs.filter(d -> !d.isEmpty()).map(d -> Path.of(d, program)).filter(Files::isExecutable).findFirst();
        }
    }
}
