package io.leadhandoff.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's Chromium (Debian's {@code chromium} and {@code chromium-driver}, which .ci/run
 * installs when missing), headless, driven by Selenium: no driver or browser is downloaded.
 */
final class DashboardBrowser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");

    final ChromeDriver driver;
    final Path downloads;

    DashboardBrowser(Path downloads) throws Exception {
        this.downloads = Files.createDirectories(downloads);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // no sandbox: CI runs as root; the pages are our own, on loopback
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,2000",
                "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .build();
        this.driver = new ChromeDriver(service, options);
    }

    /** Opens {@code url}; on Keycloak's login page signs in as {@code user} (password {@code <user>-demo}). */
    void open(String url, String user) {
        driver.get(url);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> !d.findElements(By.id("username")).isEmpty() || !d.findElements(By.id("refused")).isEmpty()
                || "true".equals(loaded()));
        if (!driver.findElements(By.id("username")).isEmpty()) {
            driver.findElement(By.id("username")).sendKeys(user);
            driver.findElement(By.id("password")).sendKeys(user + "-demo");
            driver.findElement(By.id("kc-login")).click();
        }
    }

    /** Waits until the page has drawn every report (the page sets body[data-loaded] when done). */
    void awaitLoaded() {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> "true".equals(loaded()));
    }

    private String loaded() {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "return document.body ? document.body.dataset.loaded || null : null");
    }

    /** The data of each series of the chart in element {@code id}, as ECharts holds it. */
    @SuppressWarnings("unchecked")
    List<List<Object>> series(String id) {
        return (List<List<Object>>) ((JavascriptExecutor) driver).executeScript(
                "return echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption().series"
                        + ".map(s => s.data)", id);
    }

    @SuppressWarnings("unchecked")
    List<String> categories(String id) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption().xAxis[0].data", id);
    }

    void screenshot(Path to) throws Exception {
        Files.createDirectories(to.getParent());
        Files.write(to, driver.getScreenshotAs(OutputType.BYTES));
    }

    WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
