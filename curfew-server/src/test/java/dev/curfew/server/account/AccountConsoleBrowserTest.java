package dev.curfew.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.Chrome;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@Tag("browser")
@DisplayName("Account console in a real headless Chromium")
class AccountConsoleBrowserTest {
    static TestCurfew curfew;
    static TestRealm realm;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    private static String consoleUrl() {
        return curfew.baseUrl() + realm.path("/account");
    }

    /** Opens the console and signs in on Curfew's login page; ends on "Your devices". */
    private static void signIn(WebDriver driver, String username, String password) {
        driver.get(consoleUrl());
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        await(driver).until(ExpectedConditions.textToBe(By.tagName("h1"), "Your devices"));
    }

    private static WebDriverWait await(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(10));
    }

    @Test
    @DisplayName(
            "two devices: \"Sign out all other devices\" on one sends the other to the login page on its next navigation")
    void signOutAllOtherDevices() {
        realm.user("alice");
        try (Chrome laptop = Chrome.start();
                Chrome phone = Chrome.start()) {
            signIn(phone.driver(), "alice", TestRealm.PASSWORD);
            signIn(laptop.driver(), "alice", TestRealm.PASSWORD);
            assertThat(laptop.driver().findElements(By.cssSelector("li.device")))
                    .hasSize(2);
            assertThat(laptop.driver()
                            .findElement(By.cssSelector("li.this-device .badge"))
                            .getText())
                    .isEqualTo("This device");
            laptop.screenshot("account-devices");

            laptop.driver().findElement(By.id("sign-out-others")).click();

            WebElement result =
                    await(laptop.driver()).until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
            assertThat(result.getText()).isEqualTo("1 other device was signed out.");
            assertThat(result.findElement(By.xpath("..")).getAttribute("aria-live"))
                    .isEqualTo("polite");
            assertThat(laptop.driver().findElements(By.cssSelector("li.device")))
                    .hasSize(1);
            laptop.screenshot("account-devices-after-sign-out-others");

            phone.driver().findElement(By.linkText("Password")).click();

            await(phone.driver()).until(ExpectedConditions.presenceOfElementLocated(By.id("password")));
            assertThat(phone.driver().getCurrentUrl()).contains(realm.path("/protocol/openid-connect/auth"));
            assertThat(phone.driver().findElement(By.tagName("h1")).getText()).startsWith("Sign in to");
            phone.screenshot("account-other-device-sent-to-login");
        }
    }

    @Test
    @DisplayName(
            "password change: a wrong current password is reported at the field; then the change signs out the other device")
    void changePassword() {
        realm.user("bob");
        String newPassword = "a brand new passphrase";
        try (Chrome laptop = Chrome.start();
                Chrome phone = Chrome.start()) {
            signIn(phone.driver(), "bob", TestRealm.PASSWORD);
            signIn(laptop.driver(), "bob", TestRealm.PASSWORD);
            WebDriver driver = laptop.driver();
            driver.findElement(By.linkText("Password")).click();
            await(driver).until(ExpectedConditions.textToBe(By.tagName("h1"), "Change your password"));
            assertThat(driver.findElement(By.id("sign-out-others")).isSelected())
                    .isTrue();
            laptop.screenshot("account-password");

            driver.findElement(By.id("current-password")).sendKeys("not the password");
            driver.findElement(By.id("new-password")).sendKeys(newPassword);
            driver.findElement(By.id("new-password-again")).sendKeys(newPassword);
            driver.findElement(By.id("change-password")).click();

            WebElement error = await(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("form-error")));
            assertThat(error.getText()).isEqualTo("Your current password is not correct.");
            assertThat(error.getAttribute("role")).isEqualTo("alert");
            assertThat(driver.findElement(By.id("current-password")).getAttribute("aria-describedby"))
                    .isEqualTo("form-error");
            laptop.screenshot("account-password-error");

            driver.findElement(By.id("current-password")).sendKeys(TestRealm.PASSWORD);
            driver.findElement(By.id("new-password")).sendKeys(newPassword);
            driver.findElement(By.id("new-password-again")).sendKeys(newPassword + Keys.ENTER);

            WebElement result = await(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
            assertThat(result.getText()).isEqualTo("Your password was changed. 1 other device was signed out.");
            laptop.screenshot("account-password-changed");

            phone.driver().navigate().refresh();
            await(phone.driver()).until(ExpectedConditions.presenceOfElementLocated(By.id("password")));
            phone.driver().findElement(By.id("username")).sendKeys("bob");
            phone.driver().findElement(By.id("password")).sendKeys(newPassword);
            phone.driver().findElement(By.id("sign-in")).click();
            await(phone.driver()).until(ExpectedConditions.textToBe(By.tagName("h1"), "Your devices"));
        }
    }

    @Test
    @DisplayName(
            "keyboard: the skip link comes first and focus is visible; \"Sign out\" of this device ends on the signed-out page")
    void keyboardAndSignOutOfThisDevice() {
        realm.user("carol");
        try (Chrome chrome = Chrome.start()) {
            WebDriver driver = chrome.driver();
            signIn(driver, "carol", TestRealm.PASSWORD);

            driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
            WebElement focused = driver.switchTo().activeElement();
            assertThat(focused.getText()).isEqualTo("Skip to content");
            assertThat(focused.getCssValue("outline-style")).isEqualTo("solid");
            chrome.screenshot("account-skip-link-focused");

            driver.findElement(By.id("sign-out-this-device")).click();

            await(driver).until(ExpectedConditions.textToBe(By.tagName("h1"), "You are signed out"));
            assertThat(driver.getCurrentUrl()).endsWith(realm.path("/account/signed-out"));
            chrome.screenshot("account-signed-out");
            driver.findElement(By.linkText("Sign in again")).click();
            await(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("password")));
        }
    }
}
