package dev.curfew.interop.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium: Debian's {@code chromium} through {@code /usr/bin/chromedriver} (Selenium Manager
 * downloads nothing), a fresh profile, the flags that work on these machines (as curfew-server's browser
 * tests use; that kit is in another module's test tree).
 */
final class Chrome implements AutoCloseable {
    private static final String BINARY = "/usr/bin/chromium";
    private static final String DRIVER = "/usr/bin/chromedriver";
    /** Held so the level sticks: Selenium warns that it has no DevTools bindings for this Chromium, needlessly. */
    private static final Logger SELENIUM = Logger.getLogger("org.openqa.selenium");

    private final WebDriver driver;
    private final Path profile;

    private Chrome(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Chrome start() {
        SELENIUM.setLevel(Level.SEVERE);
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
                "--window-size=1280,800",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(DRIVER).toFile())
                .withSilent(true)
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Chrome(driver, profile);
    }

    void open(String url) {
        driver.get(url);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Waits (up to 15 s) for an element, e.g. on the page a click leads to. */
    WebElement waitFor(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    void fill(String css, String value) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(value);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A profile left in /tmp is harmless.
            }
        }
    }
}
