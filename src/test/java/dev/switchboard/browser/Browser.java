package dev.switchboard.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, with explicit waits only. Nothing is downloaded:
 * both binaries are named, and Selenium Manager stays offline.
 */
final class Browser implements AutoCloseable {

    private static final Dimension WINDOW = new Dimension(1280, 900);
    /**
     * Where screenshots go: target/screenshots on every run; {@code -Dswitchboard.screenshots=docs/screenshots}
     * refreshes the ones the README shows.
     */
    private static final Path SCREENSHOTS =
            Path.of(System.getProperty("switchboard.screenshots", "target/screenshots"));

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final String baseUrl;
    private final Path profile;

    Browser(int port) {
        if (!available()) {
            throw new IllegalStateException("The browser tests drive Debian's Chromium: apt-get install -y chromium"
                    + " chromium-driver (as .ci/run does), which gives /usr/bin/chromium and /usr/bin/chromedriver.");
        }
        System.setProperty("SE_OFFLINE", "true");
        try {
            profile = Files.createTempDirectory("switchboard-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--window-size=" + WINDOW.width + "," + WINDOW.height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        this.baseUrl = "http://localhost:" + port;
    }

    static boolean available() {
        return new File("/usr/bin/chromium").canExecute() && new File("/usr/bin/chromedriver").canExecute();
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    void logIn(String username, String password) {
        driver.manage().deleteAllCookies();
        open("/login");
        type(By.id("username"), username);
        type(By.id("password"), password);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    WebElement find(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void type(By by, String text) {
        WebElement field = find(by);
        field.clear();
        field.sendKeys(text);
    }

    void select(By by, String value) {
        new Select(find(by)).selectByValue(value);
    }

    /** Clicks a button that submits the page and waits for the next page. */
    void submit(By by) {
        WebElement button = find(by);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
        button.click();
        wait.until(ExpectedConditions.stalenessOf(button));
    }

    void click(By by) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(by));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    String text(By by) {
        return find(by).getText();
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    WebDriverWait waiting() {
        return wait;
    }

    /** A screenshot of the whole page (beyond the window, through DevTools), as {name}.png. */
    void screenshot(String name) {
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        Number height =
                (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight");
        // A viewport as tall as the page: sticky parts sit where a reader would see them, not mid-page.
        int full = Math.min(height.intValue(), 4000);
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", WINDOW.width, "height", full, "deviceScaleFactor", 1, "mobile", false));
        Map<String, Object> shot;
        try {
            shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // A leftover temporary profile is harmless.
        }
    }
}
