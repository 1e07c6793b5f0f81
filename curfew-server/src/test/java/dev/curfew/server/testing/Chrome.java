package dev.curfew.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for browser tests: Debian's {@code chromium} driven through {@code
 * /usr/bin/chromedriver} (so Selenium Manager downloads nothing), a fresh profile each time, and the flags
 * that work on these machines (no background networking: the network is closed). Screenshots go to {@code
 * target/screenshots/<name>.png}, whole page.
 */
public final class Chrome implements AutoCloseable {
    public static final String BINARY = "/usr/bin/chromium";
    public static final String DRIVER = "/usr/bin/chromedriver";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;

    private final WebDriver driver;
    private final Path profile;

    private Chrome(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Chrome start() {
        System.setProperty("webdriver.chrome.driver", DRIVER);
        Path profile;
        try {
            profile = Files.createTempDirectory("curfew-chrome-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=" + WIDTH + "," + HEIGHT,
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(DRIVER).toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Chrome(driver, profile);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Waits (up to 15 s) for an element, e.g. on the page a click leads to. */
    public WebElement waitFor(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    /** Waits (up to 15 s) until the address contains {@code part}. */
    public void waitForUrl(String part) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains(part));
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    public String text() {
        return find("body").getText();
    }

    /**
     * Reloads the page until the element's text is {@code expected} (up to 15 s): for figures that a
     * background job completes, such as a sign-out's count.
     */
    public void refreshUntil(String css, String expected) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
            d.navigate().refresh();
            return find(css).getText().equals(expected);
        });
    }

    /** Types into a field, replacing what it held. */
    public void fill(String css, String value) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(value);
    }

    /** A whole-page PNG in {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        Dimension original = driver.manage().window().getSize();
        Object height = ((JavascriptExecutor) driver)
                .executeScript("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
        int pageHeight = height instanceof Number n ? n.intValue() : HEIGHT;
        try {
            driver.manage().window().setSize(new Dimension(WIDTH, Math.max(HEIGHT, Math.min(pageHeight + 140, 6000))));
            Path shot =
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(shot);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(original);
        }
    }

    /**
     * Lays the page out as a screen {@code width} CSS pixels wide (Chromium's device metrics, so the width is
     * exact whatever the window), until {@link #resetViewport}.
     */
    public void viewport(int width) {
        viewport(width, HEIGHT);
    }

    private void viewport(int width, int height) {
        ((ChromeDriver) driver)
                .executeCdpCommand(
                        "Emulation.setDeviceMetricsOverride",
                        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    public void resetViewport() {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** A script's answer, e.g. a measurement of the layout. */
    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * A whole-page PNG of the page laid out {@code width} CSS pixels wide, in {@code
     * target/screenshots/<name>-<width>.png}; the viewport is as it was afterwards.
     */
    public Path screenshotAt(String name, int width) {
        viewport(width);
        try {
            Object height =
                    script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
            int pageHeight = height instanceof Number n ? n.intValue() : HEIGHT;
            viewport(width, Math.max(HEIGHT, Math.min(pageHeight, 6000)));
            Path shot =
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + "-" + width + ".png");
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(shot);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            resetViewport();
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A profile left in /tmp is harmless; the test's outcome does not depend on it.
        }
    }
}
